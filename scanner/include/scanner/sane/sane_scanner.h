// A real document scanner through SANE (any backend: a USB flatbed, a network scanner, or the `test` and
// `pnm` virtual devices the tests use).
#pragma once

#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scanner/document_scanner.h"
#include "scanner/frame_check.h"
#include "scanner/sane/sane_session.h"

namespace hk::scanner::sane {

// The part of the glass to scan, in millimetres from the top-left corner (SANE's tl-x, tl-y, br-x, br-y).
struct ScanAreaMm {
    double left = 0;
    double top = 0;
    double right = 0;
    double bottom = 0;
};

struct SaneScannerSettings {
    std::string device;              // SANE device name, e.g. "pnm:0"; empty = the first device SANE lists
    std::optional<ScanAreaMm> area;  // unset: the backend's default area
    // Options set by name after the standard ones, in this order, value as text ("yes", "300", "Grid"): real
    // devices' quirks from config, and fault switches of the virtual devices in tests.
    std::vector<std::pair<std::string, std::string>> extra_options;
};

// Opens the device lazily (first scan or status) and keeps it open. A fault that may mean the device is gone
// (Unplugged, IoError) closes it, and the next call opens it again, so a re-plugged scanner is picked up
// without restarting the kiosk. Calls block on the caller's thread; one call at a time (mutex).
class SaneScanner final : public DocumentScanner {
  public:
    explicit SaneScanner(SaneScannerSettings settings);
    ~SaneScanner() override;
    SaneScanner(const SaneScanner&) = delete;
    SaneScanner& operator=(const SaneScanner&) = delete;

    drivers::DeviceStatus status() override;
    // A calibration scan: a low-resolution grey preview of the glass, checked to arrive with the size the
    // scan area and resolution promise and not to be one flat value. Jam, cover open, empty feeder and a
    // device that is gone are the faults the scan reports. The preview is wiped: something may lie on the
    // glass.
    drivers::SelfTestResult self_test() override;
    std::expected<Image, drivers::DeviceFault> scan_page(const ScanRequest& request) override;

    // Adds or replaces an extra option; it takes effect at the next page that is not part of a feeder batch.
    void set_extra_option(std::string name, std::string value);

  private:
    std::expected<void, drivers::DeviceFault> ensure_open();
    std::expected<void, drivers::DeviceFault> apply_options(const ScanRequest& request);
    // The size in pixels the current scan area and resolution give, when the backend reports both.
    std::optional<FrameSize> expected_frame_size() const;
    void end_batch();
    void close();

    std::mutex mutex_;
    SaneScannerSettings settings_;
    std::shared_ptr<SaneSession> session_;  // held while the handle is open
    void* handle_ = nullptr;                // SANE_Handle, kept opaque so this header needs no SANE
    std::string open_name_;                 // the device actually opened (resolves an empty name)
    std::optional<ScanRequest> batch_;      // a feeder batch in progress with these settings
    int dpi_in_effect_ = 0;
};

}  // namespace hk::scanner::sane
