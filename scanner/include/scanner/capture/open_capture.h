// Picks the real capture device named in config, so the kiosk and kioskctl never name a backend in code.
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "scanner/document_scanner.h"

namespace hk::scanner::capture {

// "sane:"            the first scanner SANE finds
// "sane:DEVICE"      a SANE device by name, e.g. "sane:pnm:0", "sane:genesys:libusb:001:004"
// "files:DIR"        the image files in DIR, in name order
// "files:A,B,..."    these image files, in this order
// Opening is lazy: a scanner that is unplugged now is reported by status() and scan_page(), not here. The
// error is for a config that cannot name a device at all.
std::expected<std::unique_ptr<DocumentScanner>, std::string> open_document_scanner(std::string_view config);

// "camera:/dev/video0", "camera:file:/path/video.avi" or "camera:file:/path/still.png".
std::expected<std::unique_ptr<Camera>, std::string> open_camera(std::string_view config);

}  // namespace hk::scanner::capture
