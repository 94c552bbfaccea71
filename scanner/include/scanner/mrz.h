// Machine readable zone (ICAO Doc 9303 parts 4-7): parse TD1 (3x30), TD2 (2x36), TD3 (2x44) and the visas
// MRV-A (2x44) and MRV-B (2x36), and check every check digit (weights 7-3-1). The parsed MRZ yields the chip
// access key.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/chip_reader.h"
#include "drivers/personal_string.h"

namespace hk::scanner {

// A visa (document code V) has the shape of a TD3 or TD2 line pair but no composite check digit and no
// personal number field: its optional data runs to the end of the second line (9303-7 §4.2.2, §5.2.2).
enum class MrzFormat : std::uint8_t { TD1, TD2, TD3, MRVA, MRVB };
std::string_view to_string(MrzFormat format);

enum class MrzError : std::uint8_t {
    WrongShape,           // line count or line lengths match no format
    BadCharacter,         // a character outside A-Z 0-9 <, or outside its field (a digit in a name or code)
    DocumentNumberCheck,  // a check digit does not match its field
    BirthDateCheck,
    ExpiryDateCheck,
    CompositeCheck,
    PersonalNumberCheck,
    // OCR only (never from parse_mrz): every check digit holds, but only after so many doubtful characters
    // were chosen to make them hold that the read is likely made up; a garbled band can be "repaired" into
    // any MRZ.
    LowConfidence,
};
std::string_view to_string(MrzError error);

struct Mrz {
    MrzFormat format = MrzFormat::TD3;
    drivers::PersonalString document_type;
    drivers::PersonalString issuing_state;
    drivers::PersonalString surname;
    drivers::PersonalString given_names;
    drivers::PersonalString document_number;  // without fillers
    drivers::PersonalString nationality;
    drivers::PersonalString birth_date;  // YYMMDD
    drivers::PersonalString sex;
    drivers::PersonalString expiry_date;  // YYMMDD
    drivers::PersonalString optional_data;

    [[nodiscard]] drivers::ChipAccessKey access_key() const;
};

// 7-3-1 weighted check digit of an MRZ field; '<' counts 0, A-Z count 10-35. Returns -1 on a bad character.
int mrz_check_digit(std::string_view field);

std::expected<Mrz, MrzError> parse_mrz(const std::vector<std::string>& lines);

}  // namespace hk::scanner
