// Finding the MRZ band on a page, straightening it, and cutting each line into fixed-pitch character cells.
#pragma once

#include <opencv2/core.hpp>

#include <cstdint>
#include <optional>
#include <vector>

#include "glyph_models.h"

namespace hk::scanner::mrz_ocr {

// The 2 or 3 long text lines at the bottom of the page, in the page's pixel coordinates.
struct Band {
    std::vector<cv::RotatedRect> lines;  // top to bottom
    double angle_degrees = 0.0;          // text direction (image y down)
    float thickness = 0.0f;              // text height as found (capitals plus blur)
};

// How print is told from paper before characters are smeared into lines. One threshold for the page is
// right for most pages; print that glare or a dim corner faded, or a page edge against a dark desk that
// sets the threshold, needs each stroke measured against the print around it.
enum class PrintMask : std::uint8_t { PageThreshold, LocalStrength };

// Finds the band on one page. The page is shrunk to the working size and its print darkness measured once, in
// the constructor, so that trying the second mask does not redo it.
class BandFinder {
  public:
    // `grey` is CV_8UC1, dark print on light paper.
    explicit BandFinder(const cv::Mat& grey);
    // nullopt when no band of 2-3 long parallel lines exists.
    [[nodiscard]] std::optional<Band> find(PrintMask mask) const;

  private:
    cv::Mat ink8_;  // print darkness below the local paper, at the working size
    int longest_ = 0;
    double scale_ = 1.0;  // working size over page size
};

// The band rotated level and scaled to a capital height near 32 px, as ink (CV_32F, 0 paper .. ~1 print).
struct StraightBand {
    cv::Mat ink;
    std::vector<cv::Point2f> line_centres;  // in `ink` coordinates
    std::vector<float> line_lengths;
    float cap = 32.0f;
};
StraightBand straighten(const cv::Mat& grey, const Band& band);

// Per-cell class scores of one line cut into `chars` cells. `mean_best` is the mean of each cell's best
// score, which tells a right character count (TD2 36 vs TD3 44) from a wrong one.
struct LineReading {
    std::vector<Scores> cells;
    double mean_best = 0.0;
};
LineReading read_line(const StraightBand& band, std::size_t line, int chars);

}  // namespace hk::scanner::mrz_ocr
