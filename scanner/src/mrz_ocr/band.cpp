// Band finding: flatten the light, binarise, smear characters into lines with a horizontal closing, keep the
// 2-3 longest parallel lines at the bottom. Segmentation: OCR-B has a fixed pitch and each format a known
// character count, so cells are placed on a fitted grid rather than found as connected components (a run of
// '<' fillers or two touching glyphs would defeat components).
#include "band.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace hk::scanner::mrz_ocr {

namespace {

constexpr double kWorkingSize = 1200.0;  // band finding runs on the page scaled to this longest side
constexpr float kTargetCap = 32.0f;      // capital height of the straightened band
constexpr float kInkThreshold = 0.4f;

int odd(double v) {
    return std::max(3, static_cast<int>(v) | 1);
}

// The strongest value around each pixel (a square `window` wide), smoothed over the same square: the local
// paper level of a grey page, or the local print strength of an ink map.
cv::Mat local_maximum(const cv::Mat& image, int window) {
    cv::Mat out;
    cv::dilate(image, out, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(window, window)));
    cv::blur(out, out, cv::Size(window, window));
    return out;
}

// Ink (0 paper .. 1 print) relative to a local paper estimate, so uneven light and glare do not move the
// threshold. `window` must be wider than a stroke.
cv::Mat flat_ink(const cv::Mat& grey, int window) {
    const cv::Mat paper = local_maximum(grey, window);
    cv::Mat g, p;
    grey.convertTo(g, CV_32F);
    paper.convertTo(p, CV_32F);
    cv::max(p, 1.0, p);
    cv::Mat ink = 1.0 - g / p;
    cv::max(ink, 0.0, ink);
    return ink;
}

// Print darkness below the local paper in grey levels, for band finding on the whole page. A difference, not
// a ratio: a ratio would blow sensor noise on a dark desk around the page up into "print".
cv::Mat flat_ink8(const cv::Mat& grey, int window) {
    cv::Mat smooth, ink;
    cv::GaussianBlur(grey, smooth, cv::Size(3, 3), 0);
    cv::subtract(local_maximum(smooth, window), smooth, ink);
    return ink;
}

// Glyphs are small: anything larger (the page edge against a dark desk, a photo frame, guilloche curves) is
// removed before characters are smeared into lines, or it would join the MRZ lines to itself.
void drop_large_components(cv::Mat& binary, int longest) {
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(binary, labels, stats, centroids, 8, CV_32S);
    std::vector<std::uint8_t> keep(static_cast<std::size_t>(count), 0);
    for (int i = 1; i < count; ++i) {
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
        const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        // Long flat pieces are a page edge broken up by noise, never a glyph (two touching glyphs are ~2:1).
        const bool flat = w > 3 * h && w > 6;
        keep[static_cast<std::size_t>(i)] = w <= longest / 12 && h <= longest / 20 && !flat ? 255 : 0;
    }
    for (int y = 0; y < binary.rows; ++y) {
        const int* label = labels.ptr<int>(y);
        std::uint8_t* out = binary.ptr<std::uint8_t>(y);
        for (int x = 0; x < binary.cols; ++x) out[x] = keep[static_cast<std::size_t>(label[x])];
    }
}

// Maps the paper level (the median: most of the band is paper) to 0 and a typical stroke (mean ink above the
// Otsu threshold) to 1, whatever the print contrast and however much noise lifts the paper above 0.
void normalise_print_level(cv::Mat& ink) {
    cv::Mat ink8, mask;
    ink.convertTo(ink8, CV_8U, 255.0);
    const double t = cv::threshold(ink8, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    if (t < 8) return;  // nothing printed: leave it, the reader will find no glyphs
    std::array<int, 256> histogram{};
    for (int y = 0; y < ink8.rows; ++y) {
        const std::uint8_t* row = ink8.ptr<std::uint8_t>(y);
        for (int x = 0; x < ink8.cols; ++x) ++histogram[row[x]];
    }
    const auto half = static_cast<int>(ink8.total() / 2);
    int median = 0;
    for (int seen = 0; median < 255 && seen + histogram[static_cast<std::size_t>(median)] < half; ++median) {
        seen += histogram[static_cast<std::size_t>(median)];
    }
    const double paper = median / 255.0;
    const double level = cv::mean(ink, mask)[0];
    if (level - paper < 0.05) return;
    ink = (ink - paper) * (1.0 / (level - paper));
    cv::max(ink, 0.0, ink);
}

struct Candidate {
    cv::RotatedRect box;
    double angle = 0;  // of the long side, degrees, in (-90, 90]
    float length = 0, thickness = 0;
    float across = 0;  // position perpendicular to the text, for ordering top to bottom
};

Candidate describe(const cv::RotatedRect& box) {
    cv::Point2f corners[4];
    box.points(corners);
    cv::Point2f e1 = corners[1] - corners[0];
    cv::Point2f e2 = corners[2] - corners[1];
    const float l1 = std::hypot(e1.x, e1.y);
    const float l2 = std::hypot(e2.x, e2.y);
    cv::Point2f along = l1 >= l2 ? e1 : e2;
    if (along.x < 0) along = -along;
    Candidate c;
    c.box = box;
    c.length = std::max(l1, l2);
    c.thickness = std::min(l1, l2);
    c.angle = std::atan2(along.y, along.x) * 180.0 / CV_PI;
    return c;
}

// A glare spot or a wide gap can break a printed line into pieces: join pieces lying on one line (same angle,
// same position across it, small gaps along it) and keep the joined lines that are long and thin.
std::vector<Candidate> join_collinear(const std::vector<Candidate>& pieces,
                                      const std::vector<std::vector<cv::Point>>& points, float min_length) {
    std::vector<int> order(pieces.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<bool> used(pieces.size(), false);
    std::vector<Candidate> lines;
    // Longest pieces first: they define the lines, shorter ones join them.
    std::sort(order.begin(), order.end(), [&](int a, int b) { return pieces[a].length > pieces[b].length; });
    for (int seed : order) {
        if (used[seed]) continue;
        used[seed] = true;
        const Candidate& base = pieces[seed];
        const double a = base.angle * CV_PI / 180.0;
        const cv::Point2f dir(static_cast<float>(std::cos(a)), static_cast<float>(std::sin(a)));
        const cv::Point2f normal(-dir.y, dir.x);
        std::vector<cv::Point> joined = points[seed];
        float lo = base.box.center.dot(dir) - base.length / 2,
              hi = base.box.center.dot(dir) + base.length / 2;
        for (bool grew = true; grew;) {
            grew = false;
            for (int other : order) {
                if (used[other]) continue;
                const Candidate& c = pieces[other];
                if (std::abs((c.box.center - base.box.center).dot(normal)) > 0.5f * base.thickness) continue;
                if (std::abs(c.thickness - base.thickness) > 0.5f * base.thickness) continue;
                const float at = c.box.center.dot(dir);
                const float gap = std::max(lo - (at + c.length / 2), (at - c.length / 2) - hi);
                if (gap > 2.5f * base.thickness) continue;
                used[other] = true;
                grew = true;
                lo = std::min(lo, at - c.length / 2);
                hi = std::max(hi, at + c.length / 2);
                joined.insert(joined.end(), points[other].begin(), points[other].end());
            }
        }
        Candidate line = describe(cv::minAreaRect(joined));
        if (line.length >= 10 * line.thickness && line.length >= min_length && std::abs(line.angle) <= 12.0) {
            lines.push_back(line);
        }
    }
    return lines;
}

// The page 1/factor of its size. INTER_AREA has a fast path for exact halving (0.6 ms for a 600 dpi page)
// that other factors lack (12-25 ms): halve while the factor allows, then interpolate the rest.
cv::Mat shrink(const cv::Mat& grey, int factor) {
    const cv::Size target(grey.cols / factor, grey.rows / factor);
    cv::Mat small = grey;
    while (small.cols / 2 >= target.width && small.rows / 2 >= target.height) {
        // The fast path wants exactly half: an odd last row or column is dropped.
        const cv::Mat even = small(cv::Rect(0, 0, small.cols & ~1, small.rows & ~1));
        cv::Mat half;
        cv::resize(even, half, cv::Size(even.cols / 2, even.rows / 2), 0, 0, cv::INTER_AREA);
        small = half;
    }
    if (small.size() != target) {
        cv::Mat exact;
        cv::resize(small, exact, target, 0, 0, cv::INTER_LINEAR);
        small = exact;
    }
    return small;
}

// Print against one threshold for the whole page: Otsu's, unless that falls to the noise of a blank page.
cv::Mat print_by_page_threshold(const cv::Mat& ink8) {
    cv::Mat binary;
    const double otsu = cv::threshold(ink8, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    // A blank page still has an Otsu threshold (on noise): demand real print contrast (in grey levels).
    if (otsu < 25) cv::threshold(ink8, binary, 25, 255, cv::THRESH_BINARY);
    return binary;
}

// Print against its neighbourhood's strongest print (a few capitals around). A page threshold fails when
// the page's own edge against a dark desk, or print that glare or a dim corner has faded, sets it: part of
// the MRZ falls below it and its lines break up. Floored, so plain paper's noise is not raised to print.
cv::Mat print_by_local_strength(const cv::Mat& ink8, int longest) {
    constexpr double kStrengthFloor = 30.0;  // grey levels
    cv::Mat strength32, ink32;
    local_maximum(ink8, odd(longest / 30.0)).convertTo(strength32, CV_32F);
    ink8.convertTo(ink32, CV_32F);
    cv::max(strength32, kStrengthFloor, strength32);
    return ink32 / strength32 > 0.5;
}

// The 2-3 MRZ lines in a print mask of the working-size page: characters smeared into lines, the long
// parallel ones at the bottom kept. Coordinates are scaled back to the page by `scale`.
std::optional<Band> band_in(cv::Mat binary, int longest, double scale) {
    drop_large_components(binary, longest);
    cv::morphologyEx(binary, binary, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(odd(longest / 28.0), 1)));
    cv::morphologyEx(binary, binary, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 3)));

    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(binary, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    std::vector<Candidate> pieces;
    std::vector<std::vector<cv::Point>> piece_points;
    for (auto& contour : contours) {
        if (contour.size() < 4) continue;
        Candidate c = describe(cv::minAreaRect(contour));
        if (c.thickness < 4 || c.length < 2 * c.thickness || std::abs(c.angle) > 12.0) continue;
        pieces.push_back(c);
        piece_points.push_back(std::move(contour));
    }
    const std::vector<Candidate> lines =
        join_collinear(pieces, piece_points, 0.15f * static_cast<float>(longest));
    if (lines.size() < 2) return std::nullopt;
    std::vector<Candidate> lines_kept = lines;
    const float longest_line = std::max_element(lines.begin(), lines.end(), [](auto& a, auto& b) {
                                   return a.length < b.length;
                               })->length;
    std::erase_if(lines_kept, [&](const Candidate& c) { return c.length < 0.7f * longest_line; });
    if (lines_kept.size() < 2) return std::nullopt;

    // Order by the position across the text direction of the longest line.
    const double angle = lines_kept.front().angle * CV_PI / 180.0;
    const cv::Point2f normal(static_cast<float>(-std::sin(angle)), static_cast<float>(std::cos(angle)));
    for (Candidate& c : lines_kept) c.across = c.box.center.dot(normal);
    std::sort(lines_kept.begin(), lines_kept.end(), [](auto& a, auto& b) { return a.across < b.across; });

    // From the bottom line up, add lines while they follow at MRZ spacing (about 1.8 text heights).
    std::vector<Candidate> band{lines_kept.back()};
    for (std::size_t i = lines_kept.size() - 1; i-- > 0 && band.size() < 3;) {
        const Candidate& above = lines_kept[i];
        const Candidate& below = band.back();
        const float gap = below.across - above.across;
        const float height = std::max(above.thickness, below.thickness);
        if (gap > 3.0f * height || gap < 1.1f * height) break;
        if (std::abs(above.angle - below.angle) > 3.0) break;
        band.push_back(above);
    }
    if (band.size() < 2) return std::nullopt;
    // An MRZ line holds 30 to 44 characters at a pitch near its capital height: a shorter one is a line
    // whose fillers faded under glare or a dim corner and fell out of the mask, and its cells would be
    // placed on a wrong pitch.
    if (std::any_of(band.begin(), band.end(),
                    [](const Candidate& c) { return c.length < 20 * c.thickness; })) {
        return std::nullopt;
    }
    std::reverse(band.begin(), band.end());

    Band out;
    std::vector<float> thick;
    double angle_sum = 0;
    for (const Candidate& c : band) {
        cv::RotatedRect box = c.box;
        box.center /= static_cast<float>(scale);
        box.size.width /= static_cast<float>(scale);
        box.size.height /= static_cast<float>(scale);
        out.lines.push_back(box);
        thick.push_back(c.thickness / static_cast<float>(scale));
        angle_sum += c.angle;
    }
    std::sort(thick.begin(), thick.end());
    out.thickness = thick[thick.size() / 2];
    out.angle_degrees = angle_sum / static_cast<double>(band.size());
    return out;
}

}  // namespace

BandFinder::BandFinder(const cv::Mat& grey) {
    const int factor = static_cast<int>(std::ceil(std::max(grey.cols, grey.rows) / kWorkingSize));
    scale_ = 1.0 / factor;
    const cv::Mat small = factor > 1 ? shrink(grey, factor) : grey;
    longest_ = std::max(small.cols, small.rows);
    ink8_ = flat_ink8(small, odd(longest_ / 60.0));
}

std::optional<Band> BandFinder::find(PrintMask mask) const {
    return band_in(mask == PrintMask::PageThreshold ? print_by_page_threshold(ink8_)
                                                    : print_by_local_strength(ink8_, longest_),
                   longest_, scale_);
}

StraightBand straighten(const cv::Mat& grey, const Band& band) {
    StraightBand out;
    // The closed line is a little taller than the capitals (blur, descending strokes): 0.9 is a fair guess;
    // read_line measures the real capital height later.
    const double factor = kTargetCap / (0.9 * band.thickness);
    cv::Point2f centre(0, 0);
    float length = 0;
    for (const auto& line : band.lines) {
        centre += line.center;
        length = std::max({length, line.size.width, line.size.height});
    }
    centre /= static_cast<float>(band.lines.size());
    const cv::Point2f first = band.lines.front().center;
    const cv::Point2f last = band.lines.back().center;
    const double span = std::hypot(last.x - first.x, last.y - first.y);
    const int width = static_cast<int>(length * factor + 4 * kTargetCap);
    const int height = static_cast<int>(span * factor + 4 * kTargetCap);
    cv::Mat m = cv::getRotationMatrix2D(centre, band.angle_degrees, factor);
    m.at<double>(0, 2) += width / 2.0 - centre.x;
    m.at<double>(1, 2) += height / 2.0 - centre.y;
    cv::Mat straight;
    cv::warpAffine(grey, straight, m, cv::Size(width, height), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    out.ink = flat_ink(straight, odd(kTargetCap * 0.6));
    // Strokes are ~4 px at this scale: a sigma-1 blur keeps them and melts sensor noise.
    cv::GaussianBlur(out.ink, out.ink, cv::Size(5, 5), 1.0);
    normalise_print_level(out.ink);
    // A glare spot fades the glyphs under it more than the rest: scale print by its neighbourhood's strongest
    // ink (two capitals around), floored so the empty paper between lines is not blown up into print.
    cv::Mat local = local_maximum(out.ink, odd(2 * kTargetCap));
    cv::max(local, 0.5, local);
    cv::min(local, 1.0, local);
    out.ink /= local;
    for (const auto& line : band.lines) {
        const cv::Point2f c = line.center;
        out.line_centres.emplace_back(
            static_cast<float>(m.at<double>(0, 0) * c.x + m.at<double>(0, 1) * c.y + m.at<double>(0, 2)),
            static_cast<float>(m.at<double>(1, 0) * c.x + m.at<double>(1, 1) * c.y + m.at<double>(1, 2)));
        out.line_lengths.push_back(std::max(line.size.width, line.size.height) * static_cast<float>(factor));
    }
    out.cap = kTargetCap;
    return out;
}

namespace {

// Runs [begin, end) of columns with at least `min_pixels` inked pixels, from per-column ink counts.
std::vector<cv::Range> ink_runs(const std::vector<int>& counts, int begin_col, int end_col, int min_pixels) {
    std::vector<cv::Range> runs;
    int begin = -1;
    for (int x = begin_col; x <= end_col; ++x) {
        const bool inked = x < end_col && counts[static_cast<std::size_t>(x)] >= min_pixels;
        if (inked && begin < 0) begin = x;
        if (!inked && begin >= 0) {
            runs.emplace_back(begin, x);
            begin = -1;
        }
    }
    return runs;
}

// Least-squares polynomial (degree 1 or 2) through (i, x_i), refitted once without the outliers.
std::vector<double> fit_grid(const std::vector<std::pair<double, double>>& points, int degree,
                             double tolerance) {
    std::vector<std::pair<double, double>> used = points;
    cv::Mat coeffs;
    for (int round = 0; round < 2; ++round) {
        if (used.size() < static_cast<std::size_t>(degree + 4)) return {};
        cv::Mat a(static_cast<int>(used.size()), degree + 1, CV_64F);
        cv::Mat b(static_cast<int>(used.size()), 1, CV_64F);
        for (std::size_t k = 0; k < used.size(); ++k) {
            for (int d = 0; d <= degree; ++d)
                a.at<double>(static_cast<int>(k), d) = std::pow(used[k].first, d);
            b.at<double>(static_cast<int>(k)) = used[k].second;
        }
        cv::solve(a, b, coeffs, cv::DECOMP_SVD);
        std::vector<std::pair<double, double>> kept;
        for (const auto& p : points) {
            double fitted = 0;
            for (int d = 0; d <= degree; ++d) fitted += coeffs.at<double>(d) * std::pow(p.first, d);
            if (std::abs(fitted - p.second) < tolerance) kept.push_back(p);
        }
        used = kept;
    }
    return {coeffs.begin<double>(), coeffs.end<double>()};
}

}  // namespace

LineReading read_line(const StraightBand& band, std::size_t line, int chars) {
    LineReading reading;
    const cv::Point2f centre = band.line_centres[line];
    const float cap = band.cap;
    const int top = std::max(0, static_cast<int>(centre.y - 0.85f * cap));
    const int bottom = std::min(band.ink.rows, static_cast<int>(centre.y + 0.85f * cap));
    const float half_length = band.line_lengths[line] / 2.0f;
    const int x0 = std::max(0, static_cast<int>(centre.x - half_length - cap));
    const int x1 = std::min(band.ink.cols, static_cast<int>(centre.x + half_length + cap));
    if (bottom - top < 8 || x1 - x0 < chars) return reading;
    const cv::Mat strip = band.ink(cv::Range(top, bottom), cv::Range(x0, x1));
    const cv::Mat inked = strip > kInkThreshold;
    cv::Mat column_sums;
    cv::reduce(inked, column_sums, 0, cv::REDUCE_SUM, CV_32S);
    std::vector<int> counts(column_sums.begin<int>(), column_sums.end<int>());
    for (int& c : counts) c /= 255;

    // The printed extent: the longest chain of ink runs with gaps shorter than a glyph.
    const std::vector<cv::Range> runs = ink_runs(counts, 0, strip.cols, 3);
    if (runs.empty()) return reading;
    int best_begin = 0, best_end = 0, chain_begin = runs[0].start;
    for (std::size_t k = 0; k < runs.size(); ++k) {
        if (k > 0 && runs[k].start - runs[k - 1].end > static_cast<int>(1.2f * cap))
            chain_begin = runs[k].start;
        if (runs[k].end - chain_begin > best_end - best_begin) {
            best_begin = chain_begin;
            best_end = runs[k].end;
        }
    }
    // A glyph's ink is about 0.7 of the pitch wide, so the extent spans (chars - 0.3) pitches.
    double pitch = (best_end - best_begin) / (chars - 0.3);
    double origin = best_begin + 0.35 * pitch;

    // Where each glyph's ink really is: the run nearest the guessed centre inside a one-pitch window.
    std::vector<std::pair<double, double>> found;
    for (int i = 0; i < chars; ++i) {
        const double guess = origin + i * pitch;
        const int a = std::max(0, static_cast<int>(guess - 0.5 * pitch));
        const int b = std::min(strip.cols, static_cast<int>(guess + 0.5 * pitch) + 1);
        if (b - a < 3) continue;
        const auto local = ink_runs(counts, a, b, 2);
        double nearest = 1e9;
        for (const auto& r : local) {
            const double mid = (r.start + r.end) / 2.0;
            const double width = r.end - r.start;
            if (width < 0.35 * pitch || width > 0.95 * pitch) continue;  // touching or broken glyphs
            if (std::abs(mid - guess) < std::abs(nearest - guess)) nearest = mid;
        }
        if (nearest < 1e8) found.emplace_back(i, nearest);
    }
    std::vector<double> grid = fit_grid(found, 2, 0.2 * pitch);
    if (grid.empty()) grid = {origin, pitch, 0.0};
    pitch = grid[1] + grid[2] * chars;  // local pitch near the middle, for window sizes

    // Capital height of the line: a high percentile of the glyph ink heights ('<' is short).
    std::vector<cv::Rect> windows;
    std::vector<float> heights;
    for (int i = 0; i < chars; ++i) {
        const double x = grid[0] + grid[1] * i + grid[2] * i * i;
        const int a = std::clamp(static_cast<int>(std::lround(x - 0.5 * pitch)), 0, strip.cols - 1);
        const int b = std::clamp(static_cast<int>(std::lround(x + 0.5 * pitch)), a + 1, strip.cols);
        windows.emplace_back(a, 0, b - a, strip.rows);
        std::vector<cv::Point> points;
        cv::findNonZero(inked(windows.back()), points);
        if (!points.empty()) heights.push_back(static_cast<float>(cv::boundingRect(points).height));
    }
    float line_cap = cap;
    if (!heights.empty()) {
        std::sort(heights.begin(), heights.end());
        line_cap = heights[heights.size() * 4 / 5];
    }

    const GlyphModels& models = GlyphModels::instance();
    std::vector<cv::Mat> cells;
    for (const cv::Rect& window : windows) {
        cv::Mat cell = strip(window).clone();
        // Contrast per cell: a glare spot or worn print weakens some glyphs more than others.
        double low = 0, high = 0;
        cv::minMaxLoc(cell, &low, &high);
        cell /= std::max(high, 0.15);
        cells.push_back(cell);
    }
    // Two passes: the first recognises with a rough capital height, the second with the capital height
    // measured through what the first recognised (each glyph's height over its class's relative height).
    double best_sum = 0;
    for (int pass = 0; pass < 2; ++pass) {
        reading.cells.clear();
        best_sum = 0;
        std::vector<float> caps;
        for (const cv::Mat& cell : cells) {
            Scores scores{};
            if (auto features = cell_features(cell, line_cap)) {
                models.score(*features, scores);
                const auto best = std::max_element(scores.begin(), scores.end()) - scores.begin();
                if (kAlphabet[static_cast<std::size_t>(best)] != '<') {
                    caps.push_back((*features)[kCellWidth * kCellHeight] * line_cap /
                                   models.relative_height(static_cast<int>(best)));
                }
            } else {
                scores.fill(0.0f);
            }
            best_sum += *std::max_element(scores.begin(), scores.end());
            reading.cells.push_back(scores);
        }
        if (caps.size() < 4) break;
        std::nth_element(caps.begin(), caps.begin() + static_cast<std::ptrdiff_t>(caps.size() / 2),
                         caps.end());
        line_cap = caps[caps.size() / 2];
    }
    reading.mean_best = best_sum / chars;
    return reading;
}

}  // namespace hk::scanner::mrz_ocr
