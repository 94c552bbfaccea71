#include "drivers/icao9303/dg1_mrz.h"

#include <algorithm>

#include "drivers/icao9303/lds_files.h"
#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303 {

using iso7816::Bytes;
using iso7816::ByteView;

bool MrzCheckDigits::all_valid() const {
    return document_number && birth_date && expiry_date && personal_number && composite;
}

std::vector<std::string_view> MrzCheckDigits::failed() const {
    std::vector<std::string_view> out;
    if (!document_number) out.emplace_back("document number");
    if (!birth_date) out.emplace_back("date of birth");
    if (!expiry_date) out.emplace_back("date of expiry");
    if (!personal_number) out.emplace_back("personal number");
    if (!composite) out.emplace_back("composite");
    return out;
}

namespace {

bool digit_matches(std::string_view field, char check) {
    const auto expected = mrz_check_digit(field);
    return expected && *expected == check;
}

std::string strip_fillers(std::string_view field) {
    std::string out(field);
    while (!out.empty() && out.back() == '<') out.pop_back();
    std::replace(out.begin(), out.end(), '<', ' ');
    return out;
}

std::string names_part(std::string_view part) {
    std::string out = strip_fillers(part);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// The name field: primary identifier, "<<", secondary identifier; single '<' separate name components
// (9303-3 §4.6).
void split_name(std::string_view field, Mrz& mrz) {
    const std::size_t split = field.find("<<");
    if (split == std::string_view::npos) {
        mrz.surname = PersonalString(names_part(field));
        mrz.given_names = PersonalString();
        return;
    }
    mrz.surname = PersonalString(names_part(field.substr(0, split)));
    std::string_view rest = field.substr(split + 2);
    while (!rest.empty() && rest.front() == '<') rest.remove_prefix(1);
    mrz.given_names = PersonalString(names_part(rest));
}

// Document number of 9 characters at `number`, its check digit at `check`; a '<' in place of the check digit
// means a longer number continues at the start of `optional` with its check digit last (9303-5 §4.2.2 note
// j). Returns what is left of the optional data.
std::string_view read_document_number(std::string_view number, char check, std::string_view optional,
                                      Mrz& mrz) {
    if (check == '<' && number.find('<') == std::string_view::npos) {
        const std::size_t end = std::min(optional.find('<'), optional.size());
        if (end >= 2) {
            const std::string full = std::string(number) + std::string(optional.substr(0, end - 1));
            mrz.document_number = PersonalString(full);
            mrz.checks.document_number = digit_matches(full, optional[end - 1]);
            return optional.substr(end);
        }
        mrz.document_number = PersonalString(strip_fillers(number));
        mrz.checks.document_number = false;
        return optional;
    }
    mrz.document_number = PersonalString(strip_fillers(number));
    mrz.checks.document_number = digit_matches(number, check);
    return optional;
}

std::string join(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const std::string_view part : parts) out += part;
    return out;
}

// TD2 and TD3 share their layout but for the widths (9303-4 §4.2.2, 9303-6 §4.2.2).
Mrz parse_two_line(std::string_view text, std::size_t width) {
    Mrz mrz;
    mrz.format = width == 44 ? MrzFormat::Td3 : MrzFormat::Td2;
    const std::string_view line1 = text.substr(0, width);
    const std::string_view line2 = text.substr(width, width);
    mrz.document_code = PersonalString(strip_fillers(line1.substr(0, 2)));
    mrz.issuing_state = PersonalString(strip_fillers(line1.substr(2, 3)));
    split_name(line1.substr(5), mrz);

    // Optional data: TD3 28..41 (its own check digit at 42), TD2 28..34. Visas (MRV-A/B, 9303-7) have no
    // composite digit and optional data to the end of the line.
    const bool visa = line1[0] == 'V';
    const std::string_view optional = visa ? line2.substr(28) : line2.substr(28, width == 44 ? 14 : 7);
    const std::string_view rest = read_document_number(line2.substr(0, 9), line2[9], optional, mrz);
    mrz.nationality = PersonalString(strip_fillers(line2.substr(10, 3)));
    mrz.birth_date = PersonalString(line2.substr(13, 6));
    mrz.checks.birth_date = digit_matches(line2.substr(13, 6), line2[19]);
    mrz.sex = PersonalString(line2.substr(20, 1));
    mrz.expiry_date = PersonalString(line2.substr(21, 6));
    mrz.checks.expiry_date = digit_matches(line2.substr(21, 6), line2[27]);
    mrz.personal_number = PersonalString(strip_fillers(rest));
    if (visa) {
        mrz.checks.composite = true;
        return mrz;
    }
    if (width == 44) {
        const std::string_view personal = line2.substr(28, 14);
        const bool empty = personal.find_first_not_of('<') == std::string_view::npos;
        mrz.checks.personal_number = (empty && line2[42] == '<') || digit_matches(personal, line2[42]);
        mrz.checks.composite =
            digit_matches(join({line2.substr(0, 10), line2.substr(13, 7), line2.substr(21, 22)}), line2[43]);
    } else {
        mrz.checks.composite =
            digit_matches(join({line2.substr(0, 10), line2.substr(13, 7), line2.substr(21, 14)}), line2[35]);
    }
    return mrz;
}

// TD1 (9303-5 §4.2.2): three lines of 30.
Mrz parse_td1(std::string_view text) {
    Mrz mrz;
    mrz.format = MrzFormat::Td1;
    const std::string_view line1 = text.substr(0, 30);
    const std::string_view line2 = text.substr(30, 30);
    const std::string_view line3 = text.substr(60, 30);
    mrz.document_code = PersonalString(strip_fillers(line1.substr(0, 2)));
    mrz.issuing_state = PersonalString(strip_fillers(line1.substr(2, 3)));
    const std::string_view rest = read_document_number(line1.substr(5, 9), line1[14], line1.substr(15), mrz);
    mrz.personal_number = PersonalString(strip_fillers(rest));
    mrz.birth_date = PersonalString(line2.substr(0, 6));
    mrz.checks.birth_date = digit_matches(line2.substr(0, 6), line2[6]);
    mrz.sex = PersonalString(line2.substr(7, 1));
    mrz.expiry_date = PersonalString(line2.substr(8, 6));
    mrz.checks.expiry_date = digit_matches(line2.substr(8, 6), line2[14]);
    mrz.nationality = PersonalString(strip_fillers(line2.substr(15, 3)));
    mrz.optional_data_2 = PersonalString(strip_fillers(line2.substr(18, 11)));
    mrz.checks.composite = digit_matches(
        join({line1.substr(5, 25), line2.substr(0, 7), line2.substr(8, 7), line2.substr(18, 11)}), line2[29]);
    split_name(line3, mrz);
    return mrz;
}

}  // namespace

ChipAccessKey Mrz::access_key() const {
    std::string number(document_number.reveal());
    if (number.size() < 9) number.append(9 - number.size(), '<');
    return ChipAccessKey{PersonalString(number), birth_date, expiry_date};
}

void Mrz::fill(ChipDocument& document) const {
    document.document_type = document_code;
    document.issuing_state = issuing_state;
    document.surname = surname;
    document.given_names = given_names;
    document.document_number = document_number;
    document.nationality = nationality;
    document.birth_date = birth_date;
    document.sex = sex;
    document.expiry_date = expiry_date;
    document.personal_number = personal_number;
}

void Mrz::wipe() noexcept {
    for (PersonalString* field :
         {&document_code, &issuing_state, &surname, &given_names, &document_number, &nationality, &birth_date,
          &sex, &expiry_date, &personal_number, &optional_data_2})
        field->wipe();
    checks = MrzCheckDigits{};
}

std::expected<Mrz, LdsError> parse_mrz(std::string_view text) {
    std::string flat;
    flat.reserve(text.size());
    for (const char c : text)
        if (c != '\n' && c != '\r') flat.push_back(c);
    Mrz mrz;
    switch (flat.size()) {
        case 90:
            mrz = parse_td1(flat);
            break;
        case 72:
            mrz = parse_two_line(flat, 36);
            break;
        case 88:
            mrz = parse_two_line(flat, 44);
            break;
        default:
            return std::unexpected(LdsError::Unsupported);
    }
    wipe_bytes(flat.data(), flat.size());
    return mrz;
}

std::expected<Mrz, LdsError> parse_dg1(ByteView file) {
    const auto outer = iso7816::parse_tlv(file);
    if (!outer || outer->whole.size() != file.size()) return std::unexpected(LdsError::Malformed);
    if (outer->tag != lds_tag::kDg1) return std::unexpected(LdsError::WrongTag);
    const auto mrz = iso7816::find_child(outer->value, 0x5F1F);
    if (!mrz) return std::unexpected(LdsError::Malformed);
    return parse_mrz(std::string_view(reinterpret_cast<const char*>(mrz->value.data()), mrz->value.size()));
}

Bytes encode_dg1(std::string_view mrz_text) {
    const ByteView text(reinterpret_cast<const std::uint8_t*>(mrz_text.data()), mrz_text.size());
    return iso7816::encode_tlv(lds_tag::kDg1, iso7816::encode_tlv(0x5F1F, text));
}

}  // namespace hk::drivers::icao9303
