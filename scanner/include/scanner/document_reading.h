// A supporting document from capture to fields: clean the page (straighten, turn upright, even the light,
// measure its quality), read its text with the page OCR engine, recognise which document it is and extract
// that document's fields. What the kiosk does with a scanned page and what `kioskctl ocr` does with a file.
#pragma once

#include <chrono>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scanner/fields/document_template.h"
#include "scanner/fields/extraction.h"
#include "scanner/image.h"
#include "scanner/page_cleanup/page_cleanup.h"
#include "scanner/page_ocr/ocr_text.h"
#include "scanner/page_ocr/page_ocr.h"

namespace hk::scanner {

// Where the document templates are: the installed ones (/usr/share/hukiosk/templates, the .deb's), else those
// of the source tree this was built from (a kiosk or kioskctl run from the build folder).
std::filesystem::path default_templates_dir();

struct DocumentReadingOptions {
    page::CleanupOptions cleanup;
    PageOcrOptions ocr;
    // Every *.json there is a document the reader recognises; empty: default_templates_dir().
    std::filesystem::path templates_dir;
    // A document type id: read the page as that document, whatever identification says. Empty: identify.
    std::string document_type;
    double min_identification_score = 0.5;
    fields::ExtractOptions extraction;
};

struct DocumentReading {
    page::QualityReport quality;
    page::SkewEstimate skew;
    page::Orientation orientation;
    bool orientation_known = false;
    OcrPage text;                                       // of the cleaned page
    std::optional<fields::ExtractedDocument> document;  // nullopt: no template matched (an unrelated page)
    double identification_score = 0.0;
    double cleanup_ms = 0.0;
    double ocr_ms = 0.0;
    double extraction_ms = 0.0;

    // The text and the field values are personal data.
    void wipe() noexcept;
};

// Holds the OCR workers and the templates, which cost seconds to set up, for the life of the kiosk.
// Thread-safe for read(): one page at a time is cleaned per calling thread, and the OCR workers queue the
// rest.
class DocumentReader {
  public:
    static std::expected<std::unique_ptr<DocumentReader>, std::string> create(DocumentReadingOptions options);

    // Errors: the page could not be cleaned (no page in the frame, an image of the wrong kind) or OCR failed.
    [[nodiscard]] std::expected<DocumentReading, std::string> read(const Image& image) const;

    [[nodiscard]] const std::vector<fields::DocumentTemplate>& templates() const { return templates_; }

  private:
    DocumentReader(DocumentReadingOptions options, std::unique_ptr<PageOcr> ocr,
                   std::vector<fields::DocumentTemplate> templates);

    DocumentReadingOptions options_;
    std::unique_ptr<PageOcr> ocr_;
    std::vector<fields::DocumentTemplate> templates_;
};

}  // namespace hk::scanner
