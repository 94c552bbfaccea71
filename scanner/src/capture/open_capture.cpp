#include "scanner/capture/open_capture.h"

#include <filesystem>
#include <vector>

#include "scanner/capture/image_file_scanner.h"
#include "scanner/capture/opencv_camera.h"
#include "scanner/sane/sane_scanner.h"

namespace hk::scanner::capture {

namespace {

constexpr std::string_view kSane = "sane:";
constexpr std::string_view kFiles = "files:";
constexpr std::string_view kCamera = "camera:";

std::vector<std::filesystem::path> split_list(std::string_view list) {
    std::vector<std::filesystem::path> files;
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        if (const std::string_view item = list.substr(0, comma); !item.empty()) files.emplace_back(item);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    return files;
}

}  // namespace

std::expected<std::unique_ptr<DocumentScanner>, std::string> open_document_scanner(std::string_view config) {
    if (config.starts_with(kSane)) {
        sane::SaneScannerSettings settings;
        settings.device = std::string{config.substr(kSane.size())};
        return std::make_unique<sane::SaneScanner>(std::move(settings));
    }
    if (config.starts_with(kFiles)) {
        const std::string_view where = config.substr(kFiles.size());
        if (where.empty()) return std::unexpected(std::string{"files: needs a folder or a list of files"});
        std::error_code error;
        if (std::filesystem::is_directory(where, error)) {
            auto files = ImageFileScanner::list_images(where);
            if (!files) return std::unexpected(files.error());
            return std::make_unique<ImageFileScanner>(std::move(*files));
        }
        return std::make_unique<ImageFileScanner>(split_list(where));
    }
    return std::unexpected("unknown scanner config '" + std::string{config} +
                           "' (want sane:... or files:...)");
}

std::expected<std::unique_ptr<Camera>, std::string> open_camera(std::string_view config) {
    if (!config.starts_with(kCamera) || config.size() == kCamera.size()) {
        return std::unexpected("unknown camera config '" + std::string{config} +
                               "' (want camera:/dev/videoN or camera:file:PATH)");
    }
    return std::make_unique<OpenCvCamera>(camera_source_from(config.substr(kCamera.size())));
}

}  // namespace hk::scanner::capture
