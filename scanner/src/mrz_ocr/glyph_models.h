// Glyph models of the 37 MRZ characters, rendered from OCRB.otf at run time (a few sizes, blurs and stroke
// weights), and the cell normalisation shared by training and recognition: both must see a glyph the same
// way.
#pragma once

#include <opencv2/core.hpp>

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace hk::scanner::mrz_ocr {

inline constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";
inline constexpr int kClasses = 37;
inline constexpr int kCellWidth = 16;
inline constexpr int kCellHeight = 24;
inline constexpr int kFeatureSize = kCellWidth * kCellHeight + 2;  // pixels + ink box height and width

int class_of(char c);  // -1 outside the alphabet

using Features = std::array<float, kFeatureSize>;
using Scores = std::array<float, kClasses>;

// `ink` is a CV_32F window around one glyph, 0 = paper, 1 = full ink; `cap_height` the line's capital height
// in the window's pixels. The glyph's ink box is scaled to the cell (full-height glyphs to the full height,
// short ones like '<' at the line's scale) so size and stroke weight matter little. nullopt for an empty
// window.
std::optional<Features> cell_features(const cv::Mat& ink, float cap_height);

// Nearest-template classifier: per class, the best normalised correlation with that class's templates.
class GlyphModels {
  public:
    // Built on first use (well under a second), then shared by every reader in the process.
    static const GlyphModels& instance();

    void score(const Features& features, Scores& out) const;

    // The rendered training set itself, for comparisons with other classifiers.
    struct Sample {
        Features features;
        int label = 0;
    };
    static std::vector<Sample> render_samples(bool held_out);

    [[nodiscard]] double build_milliseconds() const { return build_ms_; }
    // A class's ink height in capital heights: OCR-B digits stand ~7 % taller than its letters, which is what
    // tells '0' from 'O', so the reader measures the line's capital height through recognised glyphs.
    [[nodiscard]] float relative_height(int label) const { return heights_[static_cast<std::size_t>(label)]; }

  private:
    GlyphModels();
    std::vector<Features> templates_;
    std::vector<int> labels_;
    std::array<float, kClasses> heights_{};
    double build_ms_ = 0.0;
};

// Templates against a k-nearest-neighbour model (OpenCV ml) on the same features, tested on glyphs rendered
// with other distortions than the training ones. Measured, not assumed: the reader uses the better one.
struct ClassifierComparison {
    double template_accuracy = 0.0, knn_accuracy = 0.0;
    double template_us_per_glyph = 0.0, knn_us_per_glyph = 0.0;
    double knn_train_ms = 0.0;
    int test_glyphs = 0;
};
ClassifierComparison compare_classifiers();

}  // namespace hk::scanner::mrz_ocr
