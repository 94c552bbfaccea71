// Field extraction: recognise which supporting document an OCR'd page is, then read the fields its template
// names, clean them, validate them (GB 11643 check character, real calendar dates) and say how sure we are,
// so the UI asks the citizen to confirm only the doubtful ones.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/personal_string.h"
#include "scanner/fields/document_template.h"
#include "scanner/page_ocr/ocr_text.h"

namespace hk::scanner::fields {

struct Identification {
    const DocumentTemplate* document = nullptr;  // points into the span given to identify()
    double score = 0.0;                          // 0..1
};

// The template that best matches the page, or nullopt when none reaches `min_score` (an unrelated page).
// A template scores by its markers (title words) found and, for the rest, by the share of its field labels
// found.
std::optional<Identification> identify(const OcrPage& page, std::span<const DocumentTemplate> templates,
                                       double min_score = 0.5);

enum class FieldStatus {
    Ok,        // read and, where the kind allows, validated: no need to ask the citizen
    Doubtful,  // read, but the citizen should confirm it (low OCR confidence, an OCR repair, a disagreement)
    Missing,   // not found on the page
    Invalid,   // found, but fails validation (wrong check character, impossible or future date)
};

std::string_view to_string(FieldStatus status);

struct ExtractedField {
    std::string id;
    // UTF-8, cleaned and normalised; personal data. For Invalid, the text as read (cleaned, not normalised),
    // so the citizen corrects it rather than retyping it; empty for Missing.
    drivers::PersonalString value;
    double confidence = 0.0;  // 0..1
    FieldStatus status = FieldStatus::Missing;
    std::string reason;  // why it is not Ok (or what was corrected); never contains the value itself
};

struct ExtractedDocument {
    std::string type;
    std::vector<ExtractedField> fields;  // in template order, one per template field

    [[nodiscard]] const ExtractedField* field(std::string_view id) const;
    // Overwrites every value (and reason) so no personal data lingers once the session ends.
    void wipe() noexcept;
};

struct ExtractOptions {
    // Dates after it are invalid unless the field allows the future. Left default (not ok()), nothing is
    // checked against it: pass the kiosk's local date.
    std::chrono::year_month_day today;
    double doubtful_below = 0.70;  // combined confidence under which a read value is Doubtful
};

ExtractedDocument extract(const OcrPage& page, const DocumentTemplate& document,
                          const ExtractOptions& options);

}  // namespace hk::scanner::fields
