// The scanner and camera the config asks for: SANE (or image files) with the OCR-B MRZ reader on its pages,
// and a camera through OpenCV; or none (the simulated ones stand in).
#pragma once

#include <expected>
#include <memory>
#include <string>

#include "config.h"
#include "scanner/document_scanner.h"
#include "scanner/mrz_reader.h"

namespace hk::kiosk {

struct ScannerBackends {
    std::unique_ptr<scanner::DocumentScanner> scanner;  // null: the simulation's scanner
    std::unique_ptr<scanner::MrzReader> mrz_reader;     // reads the real scanner's pages; null with it
    std::unique_ptr<scanner::Camera> camera;            // null: the simulation's camera
};

// Fails only for a config string that names no device; a scanner that is off shows as a device fault.
std::expected<ScannerBackends, std::string> open_scanner_backends(const KioskConfig& config);

}  // namespace hk::kiosk
