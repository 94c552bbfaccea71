#include "scanner/document_reading.h"

#include <algorithm>
#include <utility>

#include "drivers/personal_string.h"

namespace hk::scanner {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void wipe_string(std::string& s) noexcept {
    drivers::wipe_bytes(s.data(), s.size());
    s.clear();
}

}  // namespace

std::filesystem::path default_templates_dir() {
    const std::filesystem::path installed = "/usr/share/hukiosk/templates";
    if (std::filesystem::is_directory(installed)) return installed;
    return std::filesystem::path(HUKIOSK_SOURCE_DIR) / "scanner/templates";
}

void DocumentReading::wipe() noexcept {
    for (OcrLine& line : text.lines) {
        wipe_string(line.text);
        for (OcrWord& word : line.words) wipe_string(word.text);
    }
    text.lines.clear();
    if (document) document->wipe();
    document.reset();
}

std::expected<std::unique_ptr<DocumentReader>, std::string> DocumentReader::create(
    DocumentReadingOptions options) {
    if (options.templates_dir.empty()) options.templates_dir = default_templates_dir();
    auto templates = fields::load_templates(options.templates_dir);
    if (!templates) return std::unexpected("document templates: " + templates.error().describe());
    if (!options.document_type.empty() &&
        std::ranges::none_of(*templates, [&](const auto& t) { return t.type == options.document_type; })) {
        return std::unexpected("no document template of type '" + options.document_type + "' in " +
                               options.templates_dir.string());
    }
    auto ocr = PageOcr::create(options.ocr);
    if (!ocr) return std::unexpected("page OCR: " + ocr.error().message);
    return std::unique_ptr<DocumentReader>(
        new DocumentReader(std::move(options), std::move(*ocr), std::move(*templates)));
}

DocumentReader::DocumentReader(DocumentReadingOptions options, std::unique_ptr<PageOcr> ocr,
                               std::vector<fields::DocumentTemplate> templates)
    : options_(std::move(options)), ocr_(std::move(ocr)), templates_(std::move(templates)) {}

std::expected<DocumentReading, std::string> DocumentReader::read(const Image& image) const {
    DocumentReading reading;
    auto start = Clock::now();
    auto cleaned = page::clean_page(image, options_.cleanup);
    reading.cleanup_ms = ms_since(start);
    if (!cleaned) return std::unexpected("page clean-up: " + cleaned.error());
    reading.quality = cleaned->quality;
    reading.skew = cleaned->skew;
    reading.orientation = cleaned->orientation;
    reading.orientation_known = cleaned->orientation_known;

    start = Clock::now();
    // The normalised grey page, not the binarised one: Tesseract binarises for itself and does better on
    // grey strokes than on a threshold someone else chose.
    auto text = ocr_->recognise(cleaned->grey);
    cleaned->grey.wipe();
    cleaned->binary.wipe();
    reading.ocr_ms = ms_since(start);
    if (!text) return std::unexpected("page OCR: " + text.error().message);
    reading.text = std::move(*text);

    start = Clock::now();
    const fields::DocumentTemplate* document = nullptr;
    if (!options_.document_type.empty()) {
        const auto named =
            std::ranges::find(templates_, options_.document_type, &fields::DocumentTemplate::type);
        document = &*named;
        reading.identification_score = 1.0;
    } else if (const auto identified =
                   fields::identify(reading.text, templates_, options_.min_identification_score)) {
        document = identified->document;
        reading.identification_score = identified->score;
    }
    if (document != nullptr) reading.document = fields::extract(reading.text, *document, options_.extraction);
    reading.extraction_ms = ms_since(start);
    return reading;
}

}  // namespace hk::scanner
