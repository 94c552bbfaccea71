#include "mrz_text_entry.h"

#include <cstddef>
#include <string>
#include <vector>

#include "scanner/mrz.h"

namespace hk::scanner::fuzz {

namespace {

// The check digit by the rule of 9303-3 §4.9, written here again so the promise does not borrow the parser's
// arithmetic.
int check_of(std::string_view field) {
    static constexpr int kWeights[] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < field.size(); ++i) {
        const char c = field[i];
        const int value = c == '<' ? 0 : c <= '9' ? c - '0' : c - 'A' + 10;
        sum += value * kWeights[i % 3];
    }
    return sum % 10;
}

bool holds(std::string_view field, char check) {
    return check >= '0' && check <= '9' && check_of(field) == check - '0';
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        lines.emplace_back(
            text.substr(start, end == std::string_view::npos ? text.size() - start : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return lines;
}

// The lines the parser looked at: trimmed of blanks and without empty lines, as it does.
std::vector<std::string> mrz_lines(const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    for (const std::string& line : lines) {
        const auto first = line.find_first_not_of(" \t\r\n");
        if (first == std::string::npos) continue;
        const auto last = line.find_last_not_of(" \t\r\n");
        out.push_back(line.substr(first, last - first + 1));
    }
    return out;
}

bool all_of(std::string_view s, bool (*ok)(char)) {
    for (const char c : s) {
        if (!ok(c)) return false;
    }
    return true;
}

bool digit(char c) {
    return c >= '0' && c <= '9';
}
bool name_character(char c) {
    return (c >= 'A' && c <= 'Z') || c == ' ';
}
bool code_character(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string check_shape(const Mrz& mrz, const std::vector<std::string>& lines) {
    const bool visa = !lines.empty() && !lines[0].empty() && lines[0][0] == 'V';
    std::size_t count = 2, width = 44;
    switch (mrz.format) {
        case MrzFormat::TD1:
            count = 3;
            width = 30;
            break;
        case MrzFormat::TD2:
        case MrzFormat::MRVB:
            width = 36;
            break;
        case MrzFormat::TD3:
        case MrzFormat::MRVA:
            break;
    }
    if (lines.size() != count) return "accepted the wrong number of lines for its format";
    for (const std::string& line : lines) {
        if (line.size() != width) return "accepted a line of the wrong length for its format";
    }
    const bool is_visa = mrz.format == MrzFormat::MRVA || mrz.format == MrzFormat::MRVB;
    if (is_visa != visa && mrz.format != MrzFormat::TD1) return "a visa's format named for another document";
    return "";
}

std::string check_digits(const Mrz& mrz, const std::vector<std::string>& lines) {
    if (mrz.format == MrzFormat::TD1) {
        const std::string& l1 = lines[0];
        const std::string& l2 = lines[1];
        if (!holds(l2.substr(0, 6), l2[6]) || !holds(l2.substr(8, 6), l2[14]))
            return "accepted a TD1 date whose check digit fails";
        const std::string composite =
            l1.substr(5, 25) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11);
        if (!holds(composite, l2[29])) return "accepted a TD1 whose composite check fails";
        // A long number overflows into the optional data, so its own check is verified by the parser alone;
        // a short one is checked where it stands.
        if (l1[14] != '<' && !holds(l1.substr(5, 9), l1[14]))
            return "accepted a TD1 number whose check fails";
        return "";
    }
    const std::string& l2 = lines[1];
    if (!holds(l2.substr(13, 6), l2[19]) || !holds(l2.substr(21, 6), l2[27]))
        return "accepted a date whose check digit fails";
    const bool visa = mrz.format == MrzFormat::MRVA || mrz.format == MrzFormat::MRVB;
    if ((mrz.format == MrzFormat::TD3 || visa) && !holds(l2.substr(0, 9), l2[9]))
        return "accepted a document number whose check digit fails";
    if (!visa) {
        const std::string composite = l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, l2.size() - 22);
        if (!holds(composite, l2.back())) return "accepted a composite check digit that fails";
    }
    return "";
}

std::string check_fields(const Mrz& mrz) {
    if (mrz.birth_date.reveal().size() != 6 || !all_of(mrz.birth_date.reveal(), digit) ||
        mrz.expiry_date.reveal().size() != 6 || !all_of(mrz.expiry_date.reveal(), digit))
        return "a date that is not six digits";
    const std::string_view sex = mrz.sex.reveal();
    if (sex != "M" && sex != "F" && sex != "X" && sex != "<") return "a sex outside M, F, X and '<'";
    if (!all_of(mrz.surname.reveal(), name_character) || !all_of(mrz.given_names.reveal(), name_character))
        return "a name with characters other than letters and spaces";
    for (const auto* field : {&mrz.document_type, &mrz.issuing_state, &mrz.nationality}) {
        if (!all_of(field->reveal(), code_character)) return "a code with a filler or a foreign character";
    }
    const std::string_view number = mrz.document_number.reveal();
    if (!number.empty() && number.back() == '<') return "a document number ending in a filler";
    const std::string_view optional = mrz.optional_data.reveal();
    if (!optional.empty() && optional.back() == '<') return "optional data ending in a filler";
    return "";
}

bool same(const Mrz& a, const Mrz& b) {
    return a.format == b.format && a.document_type.reveal() == b.document_type.reveal() &&
           a.surname.reveal() == b.surname.reveal() && a.given_names.reveal() == b.given_names.reveal() &&
           a.document_number.reveal() == b.document_number.reveal() &&
           a.birth_date.reveal() == b.birth_date.reveal() &&
           a.expiry_date.reveal() == b.expiry_date.reveal() &&
           a.optional_data.reveal() == b.optional_data.reveal();
}

}  // namespace

std::string check_mrz_text(std::string_view text) {
    const std::vector<std::string> lines = lines_of(text);
    const auto first = parse_mrz(lines);
    const auto second = parse_mrz(lines);
    if (first.has_value() != second.has_value()) return "parsing the same lines twice disagreed";
    if (!first)
        return first.error() == second.error() ? "" : "parsing the same lines twice gave other errors";
    if (!same(*first, *second)) return "parsing the same lines twice gave other fields";

    const std::vector<std::string> looked_at = mrz_lines(lines);
    if (std::string problem = check_shape(*first, looked_at); !problem.empty()) return problem;
    if (std::string problem = check_digits(*first, looked_at); !problem.empty()) return problem;
    return check_fields(*first);
}

}  // namespace hk::scanner::fuzz
