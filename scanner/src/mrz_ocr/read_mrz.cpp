// The reading pipeline (band, straighten, cells, decode, parse) and the kiosk device on top of it.
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <optional>
#include <utility>

#include "band.h"
#include "correction.h"
#include "scanner/mrz_ocr/mrz_ocr.h"

namespace hk::scanner {

namespace {

using namespace mrz_ocr;

std::expected<cv::Mat, std::string> to_grey(const Image& image) {
    if (image.empty() || image.width <= 0 || image.height <= 0) return std::unexpected("empty image");
    if (image.channels != 1 && image.channels != 3 && image.channels != 4) {
        return std::unexpected("unsupported channel count");
    }
    const auto expected_size = static_cast<std::size_t>(image.width) *
                               static_cast<std::size_t>(image.height) *
                               static_cast<std::size_t>(image.channels);
    if (image.pixels.size() != expected_size) return std::unexpected("pixel buffer does not match the size");
    // The view does not write: cv::Mat simply has no const constructor.
    const cv::Mat view(image.height, image.width, CV_8UC(image.channels),
                       const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat grey;
    if (image.channels == 1) {
        grey = view;
    } else {
        cv::cvtColor(view, grey, image.channels == 3 ? cv::COLOR_RGB2GRAY : cv::COLOR_RGBA2GRAY);
    }
    return grey;
}

constexpr double kMinimumConfidence = 0.05;
constexpr double kMinimumGlyphFit = 0.8;  // mean over cells of the best glyph model's correlation

struct Attempt {
    MrzFormat format;
    std::size_t first_line;
};

// A visa has the shape of a TD3 (MRV-A) or TD2 (MRV-B) zone but other fields and checks.
std::optional<MrzFormat> visa_of_shape(MrzFormat format) {
    if (format == MrzFormat::TD3) return MrzFormat::MRVA;
    if (format == MrzFormat::TD2) return MrzFormat::MRVB;
    return std::nullopt;
}

// Reads a found band, trying the formats its shape allows; the best reading, valid or not, or nullopt when
// its lines could not be cut into cells.
std::optional<MrzRecognition> read_band(const StraightBand& straight) {
    // Three lines are TD1, two are TD2 or TD3: the pitch (line length over capital height) says which to try
    // first, and a valid parse ends the search. A third line may also be print just above a two-line MRZ, so
    // its last two lines are tried too.
    std::vector<Attempt> attempts;
    const std::size_t lines = straight.line_centres.size();
    if (lines == 3) attempts.push_back({MrzFormat::TD1, 0});
    // OCR-B pitch is 2.54 mm for 2.42 mm capitals; the band was scaled to a 32 px capital (roughly).
    const float chars = straight.line_lengths.back() / (1.05f * straight.cap * 0.95f);
    const bool td3_first = chars > 40.0f;
    attempts.push_back({td3_first ? MrzFormat::TD3 : MrzFormat::TD2, lines - 2});
    attempts.push_back({td3_first ? MrzFormat::TD2 : MrzFormat::TD3, lines - 2});

    std::optional<MrzRecognition> best;
    double best_quality = -1e9;
    for (const Attempt& attempt : attempts) {
        const int count = format_lines(attempt.format);
        const int length = format_length(attempt.format);
        std::vector<std::vector<Scores>> cells;
        double quality = 0;
        for (int i = 0; i < count; ++i) {
            LineReading reading =
                read_line(straight, attempt.first_line + static_cast<std::size_t>(i), length);
            if (static_cast<int>(reading.cells.size()) != length) break;
            quality += reading.mean_best / count;
            cells.push_back(std::move(reading.cells));
        }
        if (static_cast<int>(cells.size()) != count) continue;
        MrzFormat format = attempt.format;
        Decoded decoded = decode(format, cells);
        // The document code is read as letters whatever the layout, so it tells a visa before any check does;
        // the visa layout is then decoded from the same cells, with no composite to repair toward.
        if (const auto visa = visa_of_shape(format); visa && decoded.lines.front().front() == 'V') {
            format = *visa;
            decoded = decode(format, cells);
        }
        MrzRecognition result;
        result.format = format;
        result.parsed = parse_mrz(decoded.lines);
        result.lines = std::move(decoded.lines);
        result.fields = std::move(decoded.fields);
        result.confidence = 1.0;
        for (const auto& f : result.fields) result.confidence = std::min(result.confidence, f.confidence);
        // On 600 generated degraded pages, the five reads whose check digits held only after choosing
        // characters this doubtful were all wrong, and one right read of about 590 fell below it.
        if (result.parsed && result.confidence < kMinimumConfidence) {
            result.parsed = std::unexpected(MrzError::LowConfidence);
        }
        // Cells cut on a wrong pitch (part of a line missing from the band) fit no glyph well, yet the
        // check-digit search can still make such a reading valid: on 1,000 generated pages the three valid
        // but wrong reads fitted 0.38-0.76, the 995 right ones 0.86 and more.
        if (result.parsed && quality < kMinimumGlyphFit) {
            result.parsed = std::unexpected(MrzError::LowConfidence);
        }
        // A valid parse beats any score; among equals, the better glyph fit wins.
        const double rank = quality + (result.parsed ? 10.0 : 0.0);
        const bool valid = result.parsed.has_value();
        if (rank > best_quality) {
            best_quality = rank;
            best = std::move(result);
        }
        if (valid) break;
    }
    return best;
}

}  // namespace

std::expected<MrzRecognition, std::string> read_mrz(const Image& image) {
    const auto start = std::chrono::steady_clock::now();
    auto grey = to_grey(image);
    if (!grey) return std::unexpected(grey.error());
    if (grey->cols < 64 || grey->rows < 32) return std::unexpected("image too small for an MRZ");
    // The page threshold first; when its band gives no valid reading (part of a line faded out of it, or no
    // band at all), the band as local print strength finds it.
    const BandFinder finder(*grey);
    std::optional<MrzRecognition> best;
    bool found = false;
    for (const PrintMask mask : {PrintMask::PageThreshold, PrintMask::LocalStrength}) {
        const auto band = finder.find(mask);
        if (!band) continue;
        found = true;
        auto reading = read_band(straighten(*grey, *band));
        if (!reading) continue;
        const bool valid = reading->parsed.has_value();
        if (!best || valid) best = std::move(reading);
        if (valid) break;
    }
    if (!found) return std::unexpected("no MRZ band found");
    if (!best) return std::unexpected("MRZ band found but its lines could not be segmented");
    best->milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return std::move(*best);
}

OcrMrzReader::OcrMrzReader(DocumentScanner& scanner, ScanRequest request)
    : scanner_(scanner), request_(request) {}

drivers::DeviceStatus OcrMrzReader::status() {
    return scanner_.status();
}

drivers::SelfTestResult OcrMrzReader::self_test() {
    return scanner_.self_test();
}

std::expected<std::vector<std::string>, drivers::DeviceFault> OcrMrzReader::read_mrz_lines() {
    last_.reset();
    auto page = scanner_.scan_page(request_);
    if (!page) return std::unexpected(page.error());
    auto result = read_mrz(*page);
    page->wipe();
    if (!result) {
        return std::unexpected(drivers::DeviceFault{drivers::DeviceKind::DocumentScanner,
                                                    drivers::FaultKind::Unreadable, result.error()});
    }
    // Its lines would parse (every check digit holds), so the session cannot tell it from a good read.
    if (!result->parsed && result->parsed.error() == MrzError::LowConfidence) {
        return std::unexpected(drivers::DeviceFault{
            drivers::DeviceKind::DocumentScanner, drivers::FaultKind::Unreadable, "MRZ read too uncertain"});
    }
    std::vector<std::string> lines = result->lines;
    last_ = std::move(*result);
    return lines;
}

}  // namespace hk::scanner
