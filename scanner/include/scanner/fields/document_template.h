// Where a supporting document (household register page, marriage certificate, ...) prints each field the
// kiosk wants, kept as data: one JSON file per document type in scanner/templates/, so a new layout or an
// extra label variant is a data change, not a code change.
#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hk::scanner::fields {

// What a field's value is, which decides how it is cleaned and validated.
enum class ValueKind {
    Text,            // free text (an address, a school): spaces between CJK characters removed
    CjkName,         // a person's name: CJK (with the middle dot of minority names) or Latin letters
    IdNumber,        // GB 11643 citizen identity number, 18 characters
    Date,            // the first date in the value, normalised to YYYY-MM-DD
    ContractPeriod,  // two dates in order, normalised to YYYY-MM-DD/YYYY-MM-DD
    DocumentNumber,  // a certificate or notice number: Latin letters, digits and '-'
    Sex,             // 男 / 女 (or Male / Female)
};

// Where the value sits relative to its label.
enum class ValuePlace {
    After,         // on the label's line, after the label (up to the next label of the template)
    Below,         // on the nearest line below the label, under it
    AfterOrBelow,  // after the label when there is text there, else below it
    Region,        // everything inside `region` (labels, if any, are removed)
};

// A rectangle as fractions of the page's width and height (0..1, top-left origin).
struct PageRegion {
    double left = 0.0;
    double top = 0.0;
    double right = 1.0;
    double bottom = 1.0;
};

struct FieldSpec {
    std::string id;                   // e.g. "id_number"; unique within the template
    std::vector<std::string> labels;  // variants, most specific first (e.g. 公民身份号码, 身份证号, ID No.)
    ValuePlace place = ValuePlace::AfterOrBelow;
    std::optional<PageRegion> region;  // limits where the label (and for Region, the value) is looked for
    ValueKind kind = ValueKind::Text;
    bool required = true;
    int occurrence = 1;           // the n-th match of the label in reading order (e.g. the second 姓名)
    bool future_allowed = false;  // dates: may lie after `today` (a reporting date, a contract's end)
    std::string birth_date_of;    // dates: the id of the IdNumber field whose embedded birth date must agree
};

struct DisplayNames {
    std::string zh_CN;
    std::string en;
    std::string ko;
};

struct DocumentTemplate {
    std::string type;  // document type id, e.g. "marriage_certificate"
    DisplayNames display_name;
    std::vector<std::string>
        markers;  // title words that recognise the document (常住人口登记卡, 结婚证, ...)
    std::vector<FieldSpec> fields;

    [[nodiscard]] const FieldSpec* field(std::string_view id) const;
};

// A template that could not be read: which file, which key (a JSON pointer such as "/fields/2/kind"; empty
// when the file itself is unreadable or not JSON) and what is wrong with it.
struct TemplateError {
    std::string file;
    std::string key;
    std::string message;

    [[nodiscard]] std::string describe() const;  // "<file>: <key>: <message>"
};

// Parses one template. `source_name` only names the source in errors.
std::expected<DocumentTemplate, TemplateError> parse_template(std::string_view json_text,
                                                              std::string_view source_name);
std::expected<DocumentTemplate, TemplateError> load_template(const std::filesystem::path& file);
// Every *.json in `directory`, in file-name order; the first broken one is the error.
std::expected<std::vector<DocumentTemplate>, TemplateError> load_templates(
    const std::filesystem::path& directory);

}  // namespace hk::scanner::fields
