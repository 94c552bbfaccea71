// Orientation by Tesseract's OSD. It tells 0 from 180 by the shapes of the letters, which no geometric
// measure can. It runs the legacy classifier only (osd.traineddata has no LSTM model), which has no OpenMP
// regions, so the answer and its speed do not depend on OMP_THREAD_LIMIT even though Debian's libtesseract
// links libgomp.
#include <algorithm>

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <opencv2/imgproc.hpp>

#include "mat_bridge.h"
#include "scanner/page_cleanup/orientation.h"

namespace hk::scanner::page {

namespace {
// OSD looks at character-sized blobs; beyond this the page only costs time.
constexpr int kMaxSide = 2400;

// OSD reads the resolution from the Pix itself, not from SetSourceResolution: without one it warns on stderr
// and assumes 70 dpi, which skews its size filters.
Pix* to_pix(const cv::Mat& grey, int dpi) {
    Pix* pix = pixCreate(grey.cols, grey.rows, 8);
    const int words_per_line = pixGetWpl(pix);
    l_uint32* data = pixGetData(pix);
    for (int y = 0; y < grey.rows; ++y) {
        l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * words_per_line;
        const auto* row = grey.ptr<std::uint8_t>(y);
        for (int x = 0; x < grey.cols; ++x) SET_DATA_BYTE(line, x, row[x]);
    }
    pixSetResolution(pix, dpi, dpi);
    return pix;
}
}  // namespace

struct OrientationDetector::Engine {
    tesseract::TessBaseAPI api;
};

OrientationDetector::OrientationDetector(std::unique_ptr<Engine> engine) : engine_(std::move(engine)) {}
OrientationDetector::~OrientationDetector() {
    if (engine_) engine_->api.End();
}
OrientationDetector::OrientationDetector(OrientationDetector&&) noexcept = default;
OrientationDetector& OrientationDetector::operator=(OrientationDetector&&) noexcept = default;

std::expected<OrientationDetector, std::string> OrientationDetector::open(const std::string& tessdata_dir) {
    auto engine = std::make_unique<Engine>();
    const char* path = tessdata_dir.empty() ? nullptr : tessdata_dir.c_str();
    if (engine->api.Init(path, "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
        return std::unexpected("orientation: cannot load osd.traineddata (Debian package tesseract-ocr-osd)" +
                               (tessdata_dir.empty() ? std::string{} : " from " + tessdata_dir));
    }
    engine->api.SetPageSegMode(tesseract::PSM_OSD_ONLY);
    // "Too few characters. Skipping this page" and the like: the caller gets the reason in the result.
    engine->api.SetVariable("debug_file", "/dev/null");
    return OrientationDetector(std::move(engine));
}

std::expected<Orientation, std::string> OrientationDetector::detect(const Image& page) {
    if (!engine_) return std::unexpected("orientation: detector not open");
    if (!detail::usable(page) || page.width < 32 || page.height < 32) {
        return std::unexpected("orientation: the page is too small");
    }
    cv::Mat grey = detail::grey(page);
    int dpi = page.dpi > 0 ? page.dpi : 300;
    const int longest = std::max(grey.cols, grey.rows);
    if (longest > kMaxSide) {
        const double scale = static_cast<double>(kMaxSide) / longest;
        cv::resize(grey, grey, cv::Size(), scale, scale, cv::INTER_AREA);
        dpi = std::max(70, static_cast<int>(dpi * scale));
    }
    auto& api = engine_->api;
    Pix* pix = to_pix(grey, dpi);
    api.SetImage(pix);
    int degrees = 0;
    float confidence = 0;
    const char* script = nullptr;
    float script_confidence = 0;
    const bool found = api.DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
    api.Clear();
    pixDestroy(&pix);
    if (!found) return std::unexpected("orientation: too little text on the page to tell which way is up");
    // Tesseract reports how far the page has been turned clockwise; the fix is the same turn back.
    return Orientation{.rotation_deg = (360 - ((degrees % 360) + 360) % 360) % 360, .confidence = confidence};
}

Image rotate_quarter_turns(const Image& page, int rotation_deg) {
    const int turn = ((rotation_deg % 360) + 360) % 360;
    if (!detail::usable(page) || turn == 0 || turn % 90 != 0) return page;
    cv::Mat out;
    const int code = turn == 90    ? cv::ROTATE_90_CLOCKWISE
                     : turn == 180 ? cv::ROTATE_180
                                   : cv::ROTATE_90_COUNTERCLOCKWISE;
    cv::rotate(detail::view(page), out, code);
    return detail::to_image(out, page.dpi);
}

}  // namespace hk::scanner::page
