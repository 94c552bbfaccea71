#include "scanner_backends.h"

#include "ops/events/log_event.h"
#include "scanner/capture/open_capture.h"
#include "scanner/mrz_ocr/mrz_ocr.h"

namespace hk::kiosk {

std::expected<ScannerBackends, std::string> open_scanner_backends(const KioskConfig& config) {
    ScannerBackends backends;
    if (config.scanner.backend != "simulated") {
        auto opened = scanner::capture::open_document_scanner(config.scanner.backend);
        if (!opened) return std::unexpected("scanner: " + opened.error());
        backends.scanner = std::move(*opened);
        // The passport's photo page is scanned at 300 dpi in grey: enough for OCR-B, a third of a colour
        // scan's time.
        backends.mrz_reader =
            std::make_unique<scanner::OcrMrzReader>(*backends.scanner, scanner::ScanRequest{});
        ops::log_event(ops::EventId::DeviceBackendOpened, "scanner: {} (MRZ read by the OCR-B reader)",
                       config.scanner.backend);
    }
    if (config.camera.backend != "simulated") {
        auto opened = scanner::capture::open_camera(config.camera.backend);
        if (!opened) return std::unexpected("camera: " + opened.error());
        backends.camera = std::move(*opened);
        ops::log_event(ops::EventId::DeviceBackendOpened, "camera: {}", config.camera.backend);
    }
    return backends;
}

}  // namespace hk::kiosk
