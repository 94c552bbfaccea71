// A document scanner whose "pages" are image files: for kioskctl, demos and tests without a scanner.
#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "scanner/document_scanner.h"

namespace hk::scanner::capture {

// Hands out the files in order, one per scan_page, as grey or RGB as requested; NoDocument when none are
// left, Unreadable for a file that does not decode (it is skipped: the next call takes the next file).
class ImageFileScanner final : public DocumentScanner {
  public:
    // `assumed_dpi` is reported as the pages' resolution; 0 = unknown (files rarely carry a trustworthy one).
    explicit ImageFileScanner(std::vector<std::filesystem::path> files, int assumed_dpi = 0);

    // Every image file (png, jpg, jpeg, pgm, ppm, pnm, bmp, tif, tiff) directly in `folder`, sorted by name.
    static std::expected<std::vector<std::filesystem::path>, std::string> list_images(
        const std::filesystem::path& folder);

    drivers::DeviceStatus status() override;
    // Decodes the next file without handing it out (the next scan still gets it) and checks it as a
    // calibration frame: NoDocument when none are left, Unreadable when it does not decode or is blank.
    drivers::SelfTestResult self_test() override;
    std::expected<Image, drivers::DeviceFault> scan_page(const ScanRequest& request) override;

    [[nodiscard]] std::size_t pages_left();

  private:
    std::mutex mutex_;
    std::vector<std::filesystem::path> files_;
    std::size_t next_ = 0;
    int assumed_dpi_;
};

}  // namespace hk::scanner::capture
