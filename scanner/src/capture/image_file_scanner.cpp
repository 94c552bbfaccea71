#include "scanner/capture/image_file_scanner.h"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <system_error>

#include "mat_to_image.h"
#include "scanner/frame_check.h"

namespace hk::scanner::capture {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;

namespace {

bool is_image_file(const std::filesystem::path& path) {
    std::string extension = path.extension().string();
    std::ranges::transform(extension, extension.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    constexpr std::array<std::string_view, 9> kImages = {".png", ".jpg", ".jpeg", ".pgm", ".ppm",
                                                         ".pnm", ".bmp", ".tif",  ".tiff"};
    return std::ranges::find(kImages, extension) != kImages.end();
}

}  // namespace

ImageFileScanner::ImageFileScanner(std::vector<std::filesystem::path> files, int assumed_dpi)
    : files_(std::move(files)), assumed_dpi_(assumed_dpi) {}

std::expected<std::vector<std::filesystem::path>, std::string> ImageFileScanner::list_images(
    const std::filesystem::path& folder) {
    std::error_code error;
    std::filesystem::directory_iterator entries{folder, error};
    if (error) return std::unexpected("cannot list " + folder.string() + ": " + error.message());
    std::vector<std::filesystem::path> files;
    for (const auto& entry : entries) {
        if (entry.is_regular_file(error) && is_image_file(entry.path())) files.push_back(entry.path());
    }
    std::ranges::sort(files);
    return files;
}

std::size_t ImageFileScanner::pages_left() {
    const std::scoped_lock lock{mutex_};
    return files_.size() - next_;
}

drivers::DeviceStatus ImageFileScanner::status() {
    const std::scoped_lock lock{mutex_};
    drivers::DeviceStatus status;
    const std::size_t left = files_.size() - next_;
    status.ready = left > 0;
    if (left == 0) status.fault = FaultKind::NoDocument;
    status.detail = std::to_string(left) + " image file(s) left";
    return status;
}

drivers::SelfTestResult ImageFileScanner::self_test() {
    const std::scoped_lock lock{mutex_};
    std::vector<std::pair<std::string, std::string>> checks{
        {"files_left", std::to_string(files_.size() - next_)}};
    const auto failed = [&checks](FaultKind fault, std::string detail) {
        return drivers::failed_self_test(DeviceFault{DeviceKind::DocumentScanner, fault, std::move(detail)},
                                         std::move(checks));
    };
    if (next_ >= files_.size()) return failed(FaultKind::NoDocument, "no image files left");
    const std::filesystem::path& file = files_[next_];
    Image frame = detail::image_from_mat(cv::imread(file.string(), cv::IMREAD_GRAYSCALE), assumed_dpi_);
    if (frame.empty()) {
        checks.emplace_back("next_file", "does not decode");
        return failed(FaultKind::Unreadable, "image file " + file.filename().string() + " does not decode");
    }
    auto problem = check_frame(frame, std::nullopt, 0, checks);
    frame.wipe();  // the files are documents a citizen may have brought
    if (problem)
        return failed(FaultKind::Unreadable, "image file " + file.filename().string() + ": " + *problem);
    return drivers::SelfTestResult{true, std::nullopt, "next image file decodes", std::move(checks)};
}

std::expected<Image, DeviceFault> ImageFileScanner::scan_page(const ScanRequest& request) {
    const std::scoped_lock lock{mutex_};
    if (next_ >= files_.size()) {
        return std::unexpected(
            DeviceFault{DeviceKind::DocumentScanner, FaultKind::NoDocument, "no image files left"});
    }
    const std::filesystem::path& file = files_[next_++];
    // Decoding straight into the requested kind lets OpenCV reduce 16-bit or palette files to 8-bit too.
    const cv::Mat mat = cv::imread(file.string(), request.colour ? cv::IMREAD_COLOR : cv::IMREAD_GRAYSCALE);
    Image image = detail::image_from_mat(mat, assumed_dpi_);
    if (image.empty()) {
        return std::unexpected(DeviceFault{DeviceKind::DocumentScanner, FaultKind::Unreadable,
                                           "image file " + file.filename().string() + " does not decode"});
    }
    return image;
}

}  // namespace hk::scanner::capture
