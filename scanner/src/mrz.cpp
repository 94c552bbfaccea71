// ICAO Doc 9303 machine readable zones: part 4 (TD3, passports), part 5 (TD1, cards), part 6 (TD2), part 7
// (visas).
#include "scanner/mrz.h"

#include "drivers/mrz_check_digit.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace hk::scanner {

using drivers::PersonalString;

std::string_view to_string(MrzError error) {
    switch (error) {
        case MrzError::WrongShape:
            return "wrong_shape";
        case MrzError::BadCharacter:
            return "bad_character";
        case MrzError::DocumentNumberCheck:
            return "document_number_check";
        case MrzError::BirthDateCheck:
            return "birth_date_check";
        case MrzError::ExpiryDateCheck:
            return "expiry_date_check";
        case MrzError::CompositeCheck:
            return "composite_check";
        case MrzError::PersonalNumberCheck:
            return "personal_number_check";
        case MrzError::LowConfidence:
            return "low_confidence";
    }
    return "unknown";
}

std::string_view to_string(MrzFormat format) {
    switch (format) {
        case MrzFormat::TD1:
            return "TD1";
        case MrzFormat::TD2:
            return "TD2";
        case MrzFormat::TD3:
            return "TD3";
        case MrzFormat::MRVA:
            return "MRV-A";
        case MrzFormat::MRVB:
            return "MRV-B";
    }
    return "unknown";
}

int mrz_check_digit(std::string_view field) {
    const auto digit = drivers::mrz_check_digit(field);
    return digit ? *digit - '0' : -1;
}

namespace {

bool is_mrz_character(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '<';
}

bool check_matches(std::string_view field, char check) {
    const int expected = mrz_check_digit(field);
    return expected >= 0 && check >= '0' && check <= '9' && check - '0' == expected;
}

bool all_fillers(std::string_view field) {
    return field.find_first_not_of('<') == std::string_view::npos;
}

std::string_view strip_fillers(std::string_view field) {
    while (!field.empty() && field.back() == '<') field.remove_suffix(1);
    return field;
}

// Builds a PersonalString from a scratch string and zeroes the scratch, so personal data is not left behind
// in a freed temporary.
PersonalString keep(std::string& scratch) {
    PersonalString kept{scratch};
    drivers::wipe_bytes(scratch.data(), scratch.capacity());
    scratch.clear();
    return kept;
}

// "ERIKSSON<<ANNA<MARIA<<<<" -> surname "ERIKSSON", given names "ANNA MARIA". A name without "<<" is a
// surname only.
void split_name(std::string_view field, Mrz& mrz) {
    field = strip_fillers(field);
    const std::size_t separator = field.find("<<");
    std::string surname{field.substr(0, separator)};
    std::string given{separator == std::string_view::npos ? std::string_view{} : field.substr(separator + 2)};
    for (std::string* part : {&surname, &given}) {
        for (char& c : *part) {
            if (c == '<') c = ' ';
        }
    }
    mrz.surname = keep(surname);
    mrz.given_names = keep(given);
}

// The document number field, its check digit and, for TD1/TD2, the optional data that may carry the overflow
// of a number longer than nine characters (9303-5 §4.2.2 note j; 9303-6 likewise): '<' at the check position,
// then the remaining characters and the full number's check digit at the start of the optional data, ended by
// a filler.
struct NumberFields {
    std::string_view number;  // nine characters
    char check = '<';
    std::string_view optional;  // where an overflow would go; empty for TD3
};

struct ParsedNumber {
    PersonalString number;  // full number without fillers
    std::string_view rest_of_optional;
};

std::optional<ParsedNumber> parse_document_number(const NumberFields& fields) {
    if (fields.check == '<' && !fields.optional.empty()) {
        const std::size_t end = fields.optional.find('<');
        const std::string_view tail = fields.optional.substr(0, end);
        if (tail.size() < 2) return std::nullopt;  // no overflow characters before the check digit
        std::string full{fields.number};
        full.append(tail.substr(0, tail.size() - 1));
        if (!check_matches(full, tail.back())) {
            drivers::wipe_bytes(full.data(), full.capacity());
            return std::nullopt;
        }
        const std::string_view rest =
            end == std::string_view::npos ? std::string_view{} : fields.optional.substr(end + 1);
        return ParsedNumber{keep(full), rest};
    }
    if (!check_matches(fields.number, fields.check)) return std::nullopt;
    return ParsedNumber{PersonalString{strip_fillers(fields.number)}, fields.optional};
}

struct CheckedField {
    std::string_view field;
    char check = '<';
};

// Every field of one MRZ, cut at its format's positions, before any check.
struct MrzFields {
    MrzFormat format = MrzFormat::TD3;
    std::string_view type, state, name, nationality, sex;
    NumberFields number;
    CheckedField birth, expiry;
    std::optional<CheckedField> personal;  // TD3 only
    std::string_view optional_tail;        // optional data no number overflow can reach
    std::string composite_input;
    char composite_check = '<';
    bool has_composite = true;  // visas have none

    MrzFields() = default;
    MrzFields(const MrzFields&) = delete;
    MrzFields& operator=(const MrzFields&) = delete;
    ~MrzFields() { drivers::wipe_bytes(composite_input.data(), composite_input.capacity()); }
};

// Checks run in the order the fields are printed and the composite last, so that a single corrupted character
// is reported as the field it hit (the composite covers every field, so it fails too).
std::optional<MrzError> first_failed_check(const MrzFields& f) {
    if (!parse_document_number(f.number)) return MrzError::DocumentNumberCheck;
    if (!check_matches(f.birth.field, f.birth.check)) return MrzError::BirthDateCheck;
    if (!check_matches(f.expiry.field, f.expiry.check)) return MrzError::ExpiryDateCheck;
    if (f.personal) {
        // An empty personal number may carry '<' as its check digit (9303-4 §4.2.2).
        const bool empty_unchecked = all_fillers(f.personal->field) && f.personal->check == '<';
        if (!empty_unchecked && !check_matches(f.personal->field, f.personal->check)) {
            return MrzError::PersonalNumberCheck;
        }
    }
    if (f.has_composite && !check_matches(f.composite_input, f.composite_check))
        return MrzError::CompositeCheck;
    return std::nullopt;
}

bool only(std::string_view field, bool (*allowed)(char)) {
    for (const char c : field) {
        if (!allowed(c)) return false;
    }
    return true;
}
bool letter_or_filler(char c) {
    return (c >= 'A' && c <= 'Z') || c == '<';
}
bool digit(char c) {
    return c >= '0' && c <= '9';
}

bool letter(char c) {
    return c >= 'A' && c <= 'Z';
}

// A document code or a state code: letters, padded at the end with fillers ("P<", "D<<"), never empty.
bool code(std::string_view field) {
    const std::string_view letters = strip_fillers(field);
    return !letters.empty() && only(letters, letter);
}

// Names and codes are letters (9303-3 §4.6), dates digits, sex one of M, F, X or '<'. A digit in a name is
// what OCR makes of a letter, and no check digit covers names: refused rather than passed on.
bool fields_in_their_classes(const MrzFields& f) {
    return code(f.type) && code(f.state) && only(f.name, letter_or_filler) && code(f.nationality) &&
           only(f.birth.field, digit) && only(f.expiry.field, digit) &&
           (f.sex == "M" || f.sex == "F" || f.sex == "X" || f.sex == "<");
}

std::expected<Mrz, MrzError> build(const MrzFields& f) {
    if (const auto error = first_failed_check(f)) return std::unexpected(*error);
    if (!fields_in_their_classes(f)) return std::unexpected(MrzError::BadCharacter);
    auto number = parse_document_number(f.number);

    Mrz mrz;
    mrz.format = f.format;
    mrz.document_type = PersonalString{strip_fillers(f.type)};
    mrz.issuing_state = PersonalString{strip_fillers(f.state)};
    split_name(f.name, mrz);
    mrz.document_number = std::move(number->number);
    mrz.nationality = PersonalString{strip_fillers(f.nationality)};
    mrz.birth_date = PersonalString{f.birth.field};
    mrz.sex = PersonalString{f.sex};
    mrz.expiry_date = PersonalString{f.expiry.field};
    // TD1's two optional fields are kept together as printed, fillers between them included, so nothing is
    // lost and the first field's fixed width still tells where the second begins.
    std::string optional{number->rest_of_optional};
    optional.append(f.optional_tail);
    optional.resize(strip_fillers(optional).size());
    mrz.optional_data = keep(optional);
    return mrz;
}

std::expected<Mrz, MrzError> parse_td1(std::string_view l1, std::string_view l2, std::string_view l3) {
    MrzFields f;
    f.format = MrzFormat::TD1;
    f.type = l1.substr(0, 2);
    f.state = l1.substr(2, 3);
    f.number = {l1.substr(5, 9), l1[14], l1.substr(15, 15)};
    f.birth = {l2.substr(0, 6), l2[6]};
    f.sex = l2.substr(7, 1);
    f.expiry = {l2.substr(8, 6), l2[14]};
    f.nationality = l2.substr(15, 3);
    f.optional_tail = l2.substr(18, 11);
    f.composite_input.append(l1.substr(5, 25));
    f.composite_input.append(l2.substr(0, 7));
    f.composite_input.append(l2.substr(8, 7));
    f.composite_input.append(l2.substr(18, 11));
    f.composite_check = l2[29];
    f.name = l3;
    return build(f);
}

// TD2, TD3 and the visas share their second line up to the optional data. TD3's optional data is a checked
// personal number; a visa's runs to the end of the line, with no composite check digit after it.
std::expected<Mrz, MrzError> parse_two_line(MrzFormat format, std::string_view l1, std::string_view l2) {
    const std::size_t width = l2.size();
    MrzFields f;
    f.format = format;
    f.type = l1.substr(0, 2);
    f.state = l1.substr(2, 3);
    f.name = l1.substr(5);
    f.nationality = l2.substr(10, 3);
    f.birth = {l2.substr(13, 6), l2[19]};
    f.sex = l2.substr(20, 1);
    f.expiry = {l2.substr(21, 6), l2[27]};
    switch (format) {
        case MrzFormat::TD3:
            f.number = {l2.substr(0, 9), l2[9], {}};
            f.personal = CheckedField{l2.substr(28, 14), l2[42]};
            f.optional_tail = l2.substr(28, 14);
            break;
        case MrzFormat::MRVA:
        case MrzFormat::MRVB:
            // The visa layout reserves no place for the overflow of a longer number: nine characters,
            // checked.
            f.number = {l2.substr(0, 9), l2[9], {}};
            f.optional_tail = l2.substr(28);
            f.has_composite = false;
            return build(f);
        default:
            f.number = {l2.substr(0, 9), l2[9], l2.substr(28, 7)};
            break;
    }
    f.composite_input.append(l2.substr(0, 10));
    f.composite_input.append(l2.substr(13, 7));
    f.composite_input.append(l2.substr(21, width - 22));
    f.composite_check = l2[width - 1];
    return build(f);
}

// OCR output and text files bring line ends and stray spaces; they are not part of the MRZ.
std::string_view trim(std::string_view line) {
    const auto first = line.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = line.find_last_not_of(" \t\r\n");
    return line.substr(first, last - first + 1);
}

}  // namespace

drivers::ChipAccessKey Mrz::access_key() const {
    return drivers::ChipAccessKey{document_number, birth_date, expiry_date};
}

std::expected<Mrz, MrzError> parse_mrz(const std::vector<std::string>& lines) {
    std::vector<std::string_view> mrz_lines;
    for (const auto& line : lines) {
        const std::string_view trimmed = trim(line);
        if (!trimmed.empty()) mrz_lines.push_back(trimmed);
    }

    std::optional<MrzFormat> format;
    if (mrz_lines.size() == 3 && mrz_lines[0].size() == 30 && mrz_lines[1].size() == 30 &&
        mrz_lines[2].size() == 30) {
        format = MrzFormat::TD1;
    } else if (mrz_lines.size() == 2 && mrz_lines[0].size() == 36 && mrz_lines[1].size() == 36) {
        format = mrz_lines[0].front() == 'V' ? MrzFormat::MRVB : MrzFormat::TD2;
    } else if (mrz_lines.size() == 2 && mrz_lines[0].size() == 44 && mrz_lines[1].size() == 44) {
        format = mrz_lines[0].front() == 'V' ? MrzFormat::MRVA : MrzFormat::TD3;
    }
    if (!format) return std::unexpected(MrzError::WrongShape);

    for (const std::string_view line : mrz_lines) {
        for (const char c : line) {
            if (!is_mrz_character(c)) return std::unexpected(MrzError::BadCharacter);
        }
    }

    if (*format == MrzFormat::TD1) return parse_td1(mrz_lines[0], mrz_lines[1], mrz_lines[2]);
    return parse_two_line(*format, mrz_lines[0], mrz_lines[1]);
}

}  // namespace hk::scanner
