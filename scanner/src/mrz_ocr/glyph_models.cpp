// Renders the OCR-B glyphs with cairo and builds nearest-template models from them; compares with OpenCV's
// kNN.
#include "glyph_models.h"

#include <cairo.h>

#include <opencv2/imgproc.hpp>
#include <opencv2/ml.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include "scanner/mrz_ocr/ocrb_font.h"

namespace hk::scanner::mrz_ocr {

namespace {

// Below this share of the capital height an ink box is a short glyph ('<') and keeps the line's scale.
constexpr float kShortGlyph = 0.72f;
// Weight of the ink-box geometry against the pixel correlation.
constexpr float kGeometryWeight = 0.6f;
constexpr float kWidthWeight = 4.0f;

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Capital height of OCR-B per unit of font size, measured once from 'H'.
double cap_ratio() {
    static const double ratio = [] {
        cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 8, 8);
        cairo_t* cr = cairo_create(surface);
        cairo_set_font_face(cr, ocrb_font_face());
        cairo_set_font_size(cr, 100.0);
        cairo_text_extents_t extents{};
        cairo_text_extents(cr, "H", &extents);
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
        return extents.height > 0 ? extents.height / 100.0 : 0.7;
    }();
    return ratio;
}

// One glyph as ink (0..1) in a window twice the capital height square.
cv::Mat render_glyph(char c, double cap, double dx, double dy) {
    const int size = static_cast<int>(std::ceil(cap * 2.0));
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, size, size);
    cairo_t* cr = cairo_create(surface);
    cairo_set_font_face(cr, ocrb_font_face());
    cairo_set_font_size(cr, cap / cap_ratio());
    const char text[2] = {c, '\0'};
    cairo_text_extents_t extents{};
    cairo_text_extents(cr, text, &extents);
    // Centre the advance cell horizontally; baseline so that capitals sit in the middle.
    cairo_move_to(cr, (size - extents.x_advance) / 2.0 + dx, size / 2.0 + cap / 2.0 + dy);
    cairo_show_text(cr, text);
    cairo_surface_flush(surface);
    const cv::Mat view(size, size, CV_8UC1, cairo_image_surface_get_data(surface),
                       static_cast<std::size_t>(cairo_image_surface_get_stride(surface)));
    cv::Mat ink;
    view.convertTo(ink, CV_32F, 1.0 / 255.0);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return ink;
}

// Blur (in units of a 32 px capital), stroke weight (gamma: < 1 bolder, > 1 thinner) and sensor noise.
cv::Mat distort(const cv::Mat& ink, double cap, double blur, double gamma, double noise, std::mt19937& rng) {
    cv::Mat out = ink.clone();
    if (blur > 0) cv::GaussianBlur(out, out, cv::Size(0, 0), blur * cap / 32.0);
    cv::pow(out, gamma, out);
    if (noise > 0) {
        cv::Mat n(out.size(), CV_32F);
        cv::randn(n, 0.0, noise);
        (void)rng;
        out += n;
    }
    return out;
}

float dot_pixels(const Features& a, const Features& b) {
    // Eight independent sums so the loop vectorises without reassociation.
    std::array<float, 8> sums{};
    constexpr int kPixels = kCellWidth * kCellHeight;
    for (int i = 0; i < kPixels; i += 8) {
        for (int k = 0; k < 8; ++k) sums[k] += a[i + k] * b[i + k];
    }
    float total = 0;
    for (float s : sums) total += s;
    return total;
}

}  // namespace

int class_of(char c) {
    const auto at = kAlphabet.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

std::optional<Features> cell_features(const cv::Mat& ink, float cap_height) {
    // The ink box from row and column counts of at least two pixels, so lone noise specks do not stretch it.
    const cv::Mat binary = ink > 0.45f;
    cv::Mat rows, cols;
    cv::reduce(binary, rows, 1, cv::REDUCE_SUM, CV_32S);
    cv::reduce(binary, cols, 0, cv::REDUCE_SUM, CV_32S);
    auto extent = [](const cv::Mat& counts) {
        const int n = static_cast<int>(counts.total());
        int first = -1, last = -1;
        for (int i = 0; i < n; ++i) {
            if (counts.at<int>(i) >= 2 * 255) {
                if (first < 0) first = i;
                last = i;
            }
        }
        return std::pair{first, last};
    };
    const auto [top, bottom] = extent(rows);
    const auto [left, right] = extent(cols);
    if (top < 0 || left < 0 || cap_height <= 1.0f || bottom - top < 1) return std::nullopt;
    const cv::Rect box(left, top, right - left + 1, bottom - top + 1);
    const auto bw = static_cast<float>(box.width);
    const auto bh = static_cast<float>(box.height);
    float scale = bh >= kShortGlyph * cap_height ? kCellHeight / bh : kCellHeight / cap_height;
    scale = std::min({scale, kCellWidth / bw, kCellHeight / bh});
    const int w = std::clamp(static_cast<int>(std::lround(bw * scale)), 1, kCellWidth);
    const int h = std::clamp(static_cast<int>(std::lround(bh * scale)), 1, kCellHeight);
    cv::Mat cell = cv::Mat::zeros(kCellHeight, kCellWidth, CV_32F);
    cv::Mat scaled;
    cv::resize(ink(box), scaled, cv::Size(w, h), 0, 0, scale < 1.0f ? cv::INTER_AREA : cv::INTER_LINEAR);
    scaled.copyTo(cell(cv::Rect((kCellWidth - w) / 2, (kCellHeight - h) / 2, w, h)));

    Features features{};
    const auto* p = cell.ptr<float>(0);
    constexpr int kPixels = kCellWidth * kCellHeight;
    float mean = 0;
    for (int i = 0; i < kPixels; ++i) mean += p[i];
    mean /= kPixels;
    float norm = 0;
    for (int i = 0; i < kPixels; ++i) {
        features[i] = p[i] - mean;
        norm += features[i] * features[i];
    }
    norm = std::sqrt(norm);
    if (norm <= 1e-6f) return std::nullopt;
    for (int i = 0; i < kPixels; ++i) features[i] /= norm;
    features[kPixels] = bh / cap_height;
    features[kPixels + 1] = bw / cap_height;
    return features;
}

std::vector<GlyphModels::Sample> GlyphModels::render_samples(bool held_out) {
    // Training and held-out sets use different sizes, blurs and weights, so the comparison measures
    // generalisation, not memory.
    const std::vector<double> caps =
        held_out ? std::vector<double>{23, 29, 37} : std::vector<double>{20, 27, 34, 42};
    const std::vector<double> blurs =
        held_out ? std::vector<double>{0.5, 1.1, 1.7} : std::vector<double>{0, 0.8, 1.4};
    const std::vector<double> gammas =
        held_out ? std::vector<double>{0.75, 1.35} : std::vector<double>{0.55, 1.0, 1.8};
    const double noise = held_out ? 0.08 : 0.0;
    std::mt19937 rng(held_out ? 7u : 1u);
    std::uniform_real_distribution<double> shift(-0.5, 0.5);
    std::vector<Sample> samples;
    for (int label = 0; label < kClasses; ++label) {
        const char c = kAlphabet[static_cast<std::size_t>(label)];
        for (double cap : caps) {
            const cv::Mat ink = render_glyph(c, cap, shift(rng), shift(rng));
            for (double blur : blurs) {
                for (double gamma : gammas) {
                    const cv::Mat distorted = distort(ink, cap, blur, gamma, noise, rng);
                    if (auto f = cell_features(distorted, static_cast<float>(cap)))
                        samples.push_back({*f, label});
                }
            }
        }
    }
    return samples;
}

GlyphModels::GlyphModels() {
    const auto start = std::chrono::steady_clock::now();
    // One template per class and (blur, weight): the mean over sizes, renormalised. Sizes barely change a
    // normalised cell, so averaging them costs no accuracy and keeps scoring cheap.
    const std::vector<Sample> samples = render_samples(false);
    std::vector<std::pair<Features, int>> sums;  // keyed by (label, blur, weight) in render order
    constexpr int kVariants = 9;
    constexpr int kSizes = 4;
    for (int label = 0; label < kClasses; ++label) {
        for (int v = 0; v < kVariants; ++v) {
            Features mean{};
            int count = 0;
            for (int s = 0; s < kSizes; ++s) {
                const std::size_t index = static_cast<std::size_t>((label * kSizes + s) * kVariants + v);
                if (index >= samples.size() || samples[index].label != label) continue;
                for (int i = 0; i < kFeatureSize; ++i) mean[i] += samples[index].features[i];
                ++count;
            }
            if (count == 0) continue;
            constexpr int kPixels = kCellWidth * kCellHeight;
            float norm = 0;
            for (int i = 0; i < kPixels; ++i) norm += mean[i] * mean[i];
            norm = std::sqrt(norm);
            for (int i = 0; i < kPixels; ++i) mean[i] /= norm;
            mean[kPixels] /= static_cast<float>(count);
            mean[kPixels + 1] /= static_cast<float>(count);
            templates_.push_back(mean);
            labels_.push_back(label);
        }
    }
    build_ms_ = ms_since(start);
    std::array<int, kClasses> counts{};
    for (std::size_t t = 0; t < templates_.size(); ++t) {
        const auto label = static_cast<std::size_t>(labels_[t]);
        heights_[label] += templates_[t][kCellWidth * kCellHeight];
        ++counts[label];
    }
    for (std::size_t c = 0; c < heights_.size(); ++c)
        heights_[c] /= static_cast<float>(std::max(counts[c], 1));
}

const GlyphModels& GlyphModels::instance() {
    static const GlyphModels models;
    return models;
}

void GlyphModels::score(const Features& features, Scores& out) const {
    out.fill(-10.0f);
    constexpr int kPixels = kCellWidth * kCellHeight;
    for (std::size_t t = 0; t < templates_.size(); ++t) {
        const Features& tpl = templates_[t];
        // Width counts most: it is what tells OCR-B's narrow '0' from its round 'O' once both fill the cell.
        const float geometry = std::abs(features[kPixels] - tpl[kPixels]) +
                               kWidthWeight * std::abs(features[kPixels + 1] - tpl[kPixels + 1]);
        const float s = dot_pixels(features, tpl) - kGeometryWeight * geometry;
        float& best = out[static_cast<std::size_t>(labels_[t])];
        best = std::max(best, s);
    }
}

ClassifierComparison compare_classifiers() {
    ClassifierComparison result;
    const GlyphModels& models = GlyphModels::instance();
    const std::vector<GlyphModels::Sample> train = GlyphModels::render_samples(false);
    const std::vector<GlyphModels::Sample> test = GlyphModels::render_samples(true);
    result.test_glyphs = static_cast<int>(test.size());

    auto start = std::chrono::steady_clock::now();
    int right = 0;
    Scores scores{};
    for (const auto& sample : test) {
        models.score(sample.features, scores);
        right += std::max_element(scores.begin(), scores.end()) - scores.begin() == sample.label;
    }
    result.template_us_per_glyph = ms_since(start) * 1000.0 / static_cast<double>(test.size());
    result.template_accuracy = static_cast<double>(right) / static_cast<double>(test.size());

    start = std::chrono::steady_clock::now();
    cv::Mat data(static_cast<int>(train.size()), kFeatureSize, CV_32F);
    cv::Mat labels(static_cast<int>(train.size()), 1, CV_32S);
    for (std::size_t i = 0; i < train.size(); ++i) {
        std::copy(train[i].features.begin(), train[i].features.end(), data.ptr<float>(static_cast<int>(i)));
        labels.at<int>(static_cast<int>(i)) = train[i].label;
    }
    auto knn = cv::ml::KNearest::create();
    knn->setDefaultK(3);
    knn->train(data, cv::ml::ROW_SAMPLE, labels);
    result.knn_train_ms = ms_since(start);

    start = std::chrono::steady_clock::now();
    right = 0;
    for (const auto& sample : test) {
        cv::Mat query(1, kFeatureSize, CV_32F, const_cast<float*>(sample.features.data()));
        cv::Mat response;
        knn->findNearest(query, 3, response);
        right += static_cast<int>(response.at<float>(0)) == sample.label;
    }
    result.knn_us_per_glyph = ms_since(start) * 1000.0 / static_cast<double>(test.size());
    result.knn_accuracy = static_cast<double>(right) / static_cast<double>(test.size());
    return result;
}

}  // namespace hk::scanner::mrz_ocr
