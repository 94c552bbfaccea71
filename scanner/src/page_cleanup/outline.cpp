// Page outline: the page is the largest bright convex four-sided region. Two sources of candidate outlines
// are tried, because each fails where the other works: an Otsu mask (bright paper on a darker surface, robust
// to printed content) and Canny edges (a page on a light surface, where only its edge stands out).
#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "mat_bridge.h"
#include "scanner/page_cleanup/geometry.h"

namespace hk::scanner::page {

double Quad::area() const {
    double twice = 0;
    for (std::size_t i = 0; i < corners.size(); ++i) {
        const Point& a = corners[i];
        const Point& b = corners[(i + 1) % corners.size()];
        twice += a.x * b.y - b.x * a.y;
    }
    return std::abs(twice) / 2;
}

namespace {

using Contour = std::vector<cv::Point>;

// Clockwise from the corner nearest the frame's top-left, whatever order the contour walked them in.
std::array<cv::Point2d, 4> order_corners(const std::array<cv::Point2d, 4>& in) {
    cv::Point2d centre{0, 0};
    for (const auto& p : in) centre += p / 4.0;
    auto sorted = in;
    // With y pointing down, increasing atan2 walks clockwise as the frame is shown.
    std::sort(sorted.begin(), sorted.end(), [&](const cv::Point2d& a, const cv::Point2d& b) {
        return std::atan2(a.y - centre.y, a.x - centre.x) < std::atan2(b.y - centre.y, b.x - centre.x);
    });
    const auto first =
        std::min_element(sorted.begin(), sorted.end(),
                         [](const cv::Point2d& a, const cv::Point2d& b) { return a.x + a.y < b.x + b.y; });
    std::rotate(sorted.begin(), first, sorted.end());
    return sorted;
}

// The contour's vertices as a four-gon, loosening the approximation until the small wiggles of a real page
// edge (a dog-ear, a finger) are absorbed; nullopt when it is not a four-sided shape.
std::optional<Contour> approximate_quad(const Contour& contour) {
    const double perimeter = cv::arcLength(contour, true);
    for (const double fraction : {0.01, 0.02, 0.03, 0.05}) {
        Contour poly;
        cv::approxPolyDP(contour, poly, fraction * perimeter, true);
        if (poly.size() < 4) return std::nullopt;
        if (poly.size() == 4) {
            if (!cv::isContourConvex(poly)) return std::nullopt;
            return poly;
        }
    }
    return std::nullopt;
}

std::optional<cv::Point2d> intersect(const cv::Vec4f& a, const cv::Vec4f& b) {
    const double det = static_cast<double>(a[0]) * b[1] - static_cast<double>(a[1]) * b[0];
    if (std::abs(det) < 1e-6) return std::nullopt;
    const double dx = static_cast<double>(b[2]) - a[2];
    const double dy = static_cast<double>(b[3]) - a[3];
    const double t = (dx * b[1] - dy * b[0]) / det;
    return cv::Point2d{a[2] + t * a[0], a[3] + t * a[1]};
}

std::size_t nearest_index(const Contour& contour, cv::Point p) {
    std::size_t best = 0;
    double best_distance = 1e300;
    for (std::size_t j = 0; j < contour.size(); ++j) {
        const double d = cv::norm(contour[j] - p);
        if (d < best_distance) best_distance = d, best = j;
    }
    return best;
}

// A line through the middle of the contour between two of its points: the ends are left out because a corner
// is rounded by blur and by the approximation's choice of vertex.
std::optional<cv::Vec4f> fit_side(const Contour& contour, std::size_t from, std::size_t to) {
    const std::size_t n = contour.size();
    const std::size_t length = (to + n - from) % n;
    if (length < 10) return std::nullopt;
    std::vector<cv::Point2f> middle;
    for (std::size_t k = length / 10; k < length - length / 10; ++k)
        middle.emplace_back(contour[(from + k) % n]);
    cv::Vec4f line;
    cv::fitLine(middle, line, cv::DIST_HUBER, 0, 0.01, 0.01);
    return line;
}

// The approximation's vertices are contour pixels chosen to within epsilon; fitting a line to the middle of
// each side and intersecting neighbours puts the corners back to sub-pixel accuracy.
std::array<cv::Point2d, 4> refine_corners(const Contour& contour, const Contour& quad) {
    std::array<cv::Point2d, 4> rough;
    std::array<std::size_t, 4> index{};
    for (std::size_t i = 0; i < 4; ++i) {
        rough[i] = quad[i];
        index[i] = nearest_index(contour, quad[i]);
    }
    std::array<std::optional<cv::Vec4f>, 4> sides;
    for (std::size_t i = 0; i < 4; ++i) sides[i] = fit_side(contour, index[i], index[(i + 1) % 4]);
    std::array<cv::Point2d, 4> refined = rough;
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& before = sides[(i + 3) % 4];
        const auto& after = sides[i];
        if (!before || !after) continue;
        const auto corner = intersect(*before, *after);
        // A far-off intersection means a side was not straight (a curled page): keep the contour's vertex.
        if (corner && cv::norm(*corner - rough[i]) < 0.02 * cv::arcLength(contour, true))
            refined[i] = *corner;
    }
    return refined;
}

bool touches_border(const Contour& contour, cv::Size frame) {
    return std::any_of(contour.begin(), contour.end(), [&](const cv::Point& p) {
        return p.x <= 0 || p.y <= 0 || p.x >= frame.width - 1 || p.y >= frame.height - 1;
    });
}

// A page pushed past a corner of the frame shows as a polygon with one or two sides along the frame border,
// which are not page edges. When exactly four other sides remain they are the page's, and neighbouring ones
// meet at its corners, some of them outside the frame: the UI can then say which way to move the page.
std::optional<std::array<cv::Point2d, 4>> cut_page_corners(const Contour& contour, cv::Size frame) {
    constexpr double kMargin = 2.5;
    const auto on_border = [&](cv::Point a, cv::Point b) {
        const double right = frame.width - 1 - kMargin;
        const double bottom = frame.height - 1 - kMargin;
        return (a.x <= kMargin && b.x <= kMargin) || (a.y <= kMargin && b.y <= kMargin) ||
               (a.x >= right && b.x >= right) || (a.y >= bottom && b.y >= bottom);
    };
    // Tolerances in pixels, tight first: the piece of a side that remains in the frame can be short.
    for (const double epsilon : {3.0, 6.0, 10.0}) {
        Contour poly;
        cv::approxPolyDP(contour, poly, epsilon, true);
        if (poly.size() < 5 || poly.size() > 8 || !cv::isContourConvex(poly)) continue;
        std::vector<cv::Vec4f> sides;
        bool cut = false;
        for (std::size_t i = 0; i < poly.size(); ++i) {
            const cv::Point a = poly[i];
            const cv::Point b = poly[(i + 1) % poly.size()];
            if (on_border(a, b)) {
                cut = true;
                continue;
            }
            auto line = fit_side(contour, nearest_index(contour, a), nearest_index(contour, b));
            if (!line) {
                const cv::Point2f d = cv::Point2f(b - a) / static_cast<float>(cv::norm(b - a));
                line = cv::Vec4f(d.x, d.y, static_cast<float>(a.x), static_cast<float>(a.y));
            }
            sides.push_back(*line);
        }
        if (!cut || sides.size() != 4) continue;
        std::array<cv::Point2d, 4> corners;
        bool complete = true;
        for (std::size_t i = 0; i < 4; ++i) {
            const auto corner = intersect(sides[(i + 3) % 4], sides[i]);
            if (!corner) complete = false;
            if (corner) corners[i] = *corner;
        }
        // Near-parallel sides meet far away: that is not a page seen in part, and must not become a huge
        // quad.
        const double reach = std::hypot(frame.width, frame.height) / 2;
        const bool plausible = std::all_of(corners.begin(), corners.end(), [&](const cv::Point2d& p) {
            return p.x > -reach && p.y > -reach && p.x < frame.width + reach && p.y < frame.height + reach;
        });
        if (complete && plausible) return corners;
    }
    return std::nullopt;
}

std::vector<Contour> candidate_contours(const cv::Mat& grey) {
    cv::Mat smooth;
    cv::GaussianBlur(grey, smooth, cv::Size(5, 5), 0);
    std::vector<Contour> all;

    cv::Mat mask;
    cv::threshold(smooth, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    // Closing fills gaps the text cuts into the paper near its edge; the external contour ignores inner
    // holes.
    const int k = std::max(3, std::min(grey.rows, grey.cols) / 150) | 1;
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
    std::vector<Contour> found;
    cv::findContours(mask, found, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
    all.insert(all.end(), found.begin(), found.end());

    cv::Mat edges;
    cv::Canny(smooth, edges, 30, 90);
    cv::dilate(edges, edges, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    found.clear();
    cv::findContours(edges, found, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
    all.insert(all.end(), found.begin(), found.end());
    return all;
}

}  // namespace

std::expected<Quad, std::string> find_page_outline(const Image& frame, const OutlineOptions& options) {
    if (!detail::usable(frame)) return std::unexpected("no page outline: the frame is empty or malformed");
    if (frame.width < 32 || frame.height < 32) {
        return std::unexpected("no page outline: the frame is too small to hold a page");
    }
    const cv::Mat grey = detail::grey(frame);
    const double frame_area = static_cast<double>(frame.width) * frame.height;

    std::optional<Quad> best;
    std::size_t rejected_shape = 0;
    std::size_t filling_frame = 0;
    for (const Contour& contour : candidate_contours(grey)) {
        const double contour_area = cv::contourArea(contour);
        if (contour_area < options.min_area_fraction * frame_area) continue;
        std::array<cv::Point2d, 4> found;
        bool cut = false;
        // Tried first where the page reaches the border, since a loose four-gon would cut the corner off.
        const auto cut_corners =
            touches_border(contour, grey.size()) ? cut_page_corners(contour, grey.size()) : std::nullopt;
        if (cut_corners) {
            found = *cut_corners;
            cut = true;
        } else if (const auto poly = approximate_quad(contour)) {
            found = refine_corners(contour, *poly);
        } else {
            ++rejected_shape;
            continue;
        }
        const auto corners = order_corners(found);
        Quad quad;
        for (std::size_t i = 0; i < 4; ++i) quad.corners[i] = {corners[i].x, corners[i].y};
        // A blob whose four-gon covers much more than itself is not a sheet (a hand, a shadow); a cut page
        // shows only part of its four-gon.
        if (contour_area < (cut ? 0.4 : 0.85) * quad.area()) {
            ++rejected_shape;
            continue;
        }
        // The frame's own border is not a page edge: a shape that fills the frame is the surface (or noise).
        // A cut page is exempt: four of its own edges were seen.
        if (!cut && quad.area() > options.max_area_fraction * frame_area) {
            ++filling_frame;
            continue;
        }
        if (!best || quad.area() > best->area()) best = quad;
    }
    if (!best) {
        if (filling_frame > 0 && rejected_shape == 0) {
            return std::unexpected(
                "no page outline: no page edge in the frame (too close, or nothing there)");
        }
        return std::unexpected(rejected_shape > 0
                                   ? "no page outline: the largest shapes in the frame are not four-sided"
                                   : "no page outline: nothing in the frame is large enough to be the page");
    }
    return *best;
}

}  // namespace hk::scanner::page
