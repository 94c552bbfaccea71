// The flatbed / feeder scanner that takes supporting documents and the passport's photo page.
#pragma once

#include <expected>
#include <optional>

#include "drivers/device.h"
#include "scanner/image.h"

namespace hk::scanner {

enum class ScanSource : std::uint8_t { Flatbed, Feeder };

struct ScanRequest {
    int dpi = 300;
    bool colour = false;
    ScanSource source = ScanSource::Flatbed;
};

class DocumentScanner : public drivers::Device {
public:
    [[nodiscard]] drivers::DeviceKind kind() const override { return drivers::DeviceKind::DocumentScanner; }

    // Scans one page. NoDocument (a fault) when the glass or feeder is empty.
    virtual std::expected<Image, drivers::DeviceFault> scan_page(const ScanRequest& request) = 0;
};

class Camera : public drivers::Device {
public:
    [[nodiscard]] drivers::DeviceKind kind() const override { return drivers::DeviceKind::Camera; }
    virtual std::expected<Image, drivers::DeviceFault> capture_frame() = 0;
};

}  // namespace hk::scanner
