// Cutting a page into horizontal bands at blank rows, so the bands can be read in parallel without a text
// line ever being cut: an Otsu threshold, a row profile of dark pixels, and cuts in the middle of the blank
// gaps.
#include <algorithm>
#include <array>
#include <cstdint>

#include "scanner/page_ocr/page_ocr.h"

namespace hk::scanner {

namespace {

int grey_at(const Image& image, const std::uint8_t* row, int x) {
    if (image.channels == 1) return row[x];
    const std::uint8_t* p = row + static_cast<std::ptrdiff_t>(x) * 3;
    return (p[0] + p[1] + p[2]) / 3;
}

// Otsu's threshold over the grey histogram; also whether the image has any contrast worth cutting at.
struct Threshold {
    int value = 0;
    bool has_contrast = false;
};

Threshold otsu(const std::array<std::uint64_t, 256>& histogram) {
    std::uint64_t total = 0;
    double sum = 0;
    for (int v = 0; v < 256; ++v) {
        total += histogram[static_cast<std::size_t>(v)];
        sum += static_cast<double>(v) * static_cast<double>(histogram[static_cast<std::size_t>(v)]);
    }
    if (total == 0) return {};
    double best = -1;
    Threshold result;
    std::uint64_t below = 0;
    double sum_below = 0;
    for (int v = 0; v < 255; ++v) {
        below += histogram[static_cast<std::size_t>(v)];
        sum_below += static_cast<double>(v) * static_cast<double>(histogram[static_cast<std::size_t>(v)]);
        const std::uint64_t above = total - below;
        if (below == 0 || above == 0) continue;
        const double mean_below = sum_below / static_cast<double>(below);
        const double mean_above = (sum - sum_below) / static_cast<double>(above);
        const double between = static_cast<double>(below) * static_cast<double>(above) *
                               (mean_above - mean_below) * (mean_above - mean_below);
        if (between > best) {
            best = between;
            // Ink is what lies at or below the threshold; 48 grey levels between ink and paper is the least a
            // printed page shows, anything flatter is sensor noise on a blank page.
            result = {v, mean_above - mean_below >= 48.0};
        }
    }
    return result;
}

}  // namespace

std::vector<PixelBox> split_into_bands(const Image& image, int max_bands) {
    std::vector<PixelBox> bands;
    if (image.empty() || image.width <= 0 || image.height <= 0 || max_bands <= 0) return bands;
    const auto stride = static_cast<std::ptrdiff_t>(image.width) * image.channels;
    auto row_at = [&](int y) { return image.pixels.data() + stride * y; };

    std::array<std::uint64_t, 256> histogram{};
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* row = row_at(y);
        for (int x = 0; x < image.width; ++x) ++histogram[static_cast<std::size_t>(grey_at(image, row, x))];
    }
    const Threshold threshold = otsu(histogram);
    if (!threshold.has_contrast) return bands;

    // A row is inked when more than a speck's worth of its pixels are dark: isolated noise must not glue two
    // lines together, and the thinnest stroke of a line (a CJK horizontal) still counts.
    const int speck = std::max(1, image.width / 1000);
    std::vector<int> ink(static_cast<std::size_t>(image.height), 0);
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* row = row_at(y);
        int dark = 0;
        for (int x = 0; x < image.width; ++x) dark += grey_at(image, row, x) <= threshold.value ? 1 : 0;
        ink[static_cast<std::size_t>(y)] = dark > speck ? dark : 0;
    }

    // Runs of inked rows: the text lines (a run shorter than 3 rows is a rule or dust, still kept whole).
    struct Run {
        int top, bottom;  // [top, bottom)
        long long ink;
    };
    std::vector<Run> runs;
    for (int y = 0; y < image.height;) {
        if (ink[static_cast<std::size_t>(y)] == 0) {
            ++y;
            continue;
        }
        Run run{y, y, 0};
        while (y < image.height && ink[static_cast<std::size_t>(y)] > 0)
            run.ink += ink[static_cast<std::size_t>(y++)];
        run.bottom = y;
        runs.push_back(run);
    }
    if (runs.empty()) return bands;

    // Tesseract wants a margin of paper round the text; a tenth of an inch, or less where lines are tight.
    const int dpi = image.dpi > 0 ? image.dpi : 300;
    const int margin = std::max(4, dpi / 10);
    const int min_gap = std::max(3, dpi / 50);
    long long total_ink = 0;
    for (const Run& run : runs) total_ink += run.ink;
    const long long per_band = (total_ink + max_bands - 1) / max_bands;

    int top = std::max(0, runs.front().top - margin);
    long long band_ink = 0;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        band_ink += runs[i].ink;
        const bool last = i + 1 == runs.size();
        // A gap of a few rows can be inside a line (between the strokes of 二 or a rule under a title).
        if (!last && (band_ink < per_band || static_cast<int>(bands.size()) + 1 >= max_bands ||
                      runs[i + 1].top - runs[i].bottom < min_gap)) {
            continue;
        }
        const int cut = last ? std::min(image.height, runs[i].bottom + margin)
                             : (runs[i].bottom + runs[i + 1].top + 1) / 2;
        bands.push_back({0, top, image.width, cut - top});
        top = cut;
        band_ink = 0;
    }
    return bands;
}

}  // namespace hk::scanner
