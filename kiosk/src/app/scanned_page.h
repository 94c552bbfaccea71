// A scanned supporting document is straightened, turned upright and evened out before it is kept, and its
// quality measured: a page the central service's clerk could not read is refused at once, with a hint that
// tells the citizen how to scan it again, rather than found wanting days later.
#pragma once

#include <expected>
#include <string>

#include "scanner/image.h"
#include "scanner/page_cleanup/quality.h"

namespace hk::kiosk {

// The text id of the hint ("scan_blurred", ...) for a quality problem that makes a flatbed page unusable;
// empty when the problem does not apply to a flatbed scan or does not stop a clerk reading it.
std::string flatbed_hint_id(scanner::page::Hint hint);

// The cleaned page (grey), or the hint text id to show. The scan is wiped either way.
std::expected<scanner::Image, std::string> prepare_scanned_page(scanner::Image scan);

}  // namespace hk::kiosk
