// DG1: the machine readable zone as stored in the chip (9303-10 §4.7.1, tag 61 > 5F1F), parsed for the
// three formats of 9303 parts 4-6: TD3 (2 x 44, passports), TD2 (2 x 36) and TD1 (3 x 30, cards). Every
// check digit (7-3-1, 9303-3 §4.9) is verified and the result says which failed; it never says what the
// fields held, so it can go into a log.
#pragma once

#include "drivers/mrz_check_digit.h"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/chip_reader.h"
#include "drivers/icao9303/lds_error.h"
#include "drivers/iso7816/bytes.h"
#include "drivers/personal_string.h"

namespace hk::drivers::icao9303 {

enum class MrzFormat : std::uint8_t { Td1, Td2, Td3 };

// Which check digits hold. A TD3 personal-number digit that is '<' over an all-filler field counts as valid
// (9303-4 §4.2.2.2).
struct MrzCheckDigits {
    bool document_number = false;
    bool birth_date = false;
    bool expiry_date = false;
    bool personal_number = true;  // TD3 only
    bool composite = false;

    [[nodiscard]] bool all_valid() const;
    // Names of the failed checks ("document number", "composite" ...), for reasons and logs.
    [[nodiscard]] std::vector<std::string_view> failed() const;
};

struct Mrz {
    MrzFormat format = MrzFormat::Td3;
    PersonalString document_code;    // "P", "I", "AC" (fillers removed)
    PersonalString issuing_state;    // "UTO", "D" (fillers removed)
    PersonalString surname;          // primary identifier, fillers as spaces
    PersonalString given_names;      // secondary identifier, fillers as spaces
    PersonalString document_number;  // fillers removed; TD1 long numbers joined with their overflow
    PersonalString nationality;
    PersonalString birth_date;   // YYMMDD
    PersonalString sex;          // "M", "F", "X" or "<"
    PersonalString expiry_date;  // YYMMDD
    // TD3: the personal number field; TD1: optional data of line 1 (after any number overflow); TD2: optional
    // data. Fillers removed.
    PersonalString personal_number;
    PersonalString optional_data_2;  // TD1 line 2 optional data, fillers removed
    MrzCheckDigits checks;

    // The inputs of the BAC / PACE MRZ key (9303-11 §4.3.1): the whole document number padded to 9
    // characters with '<', birth and expiry.
    [[nodiscard]] ChipAccessKey access_key() const;
    // Copies the fields into the kiosk's ChipDocument (leaves face and authentication alone).
    void fill(ChipDocument& document) const;
    void wipe() noexcept;
};

using drivers::mrz_check_digit;  // drivers/mrz_check_digit.h

// The MRZ text: 90, 72 or 88 characters (line breaks, if any, are dropped first).
std::expected<Mrz, LdsError> parse_mrz(std::string_view text);
// The DG1 file (61 { 5F1F mrz }).
std::expected<Mrz, LdsError> parse_dg1(iso7816::ByteView file);
iso7816::Bytes encode_dg1(std::string_view mrz_text);

}  // namespace hk::drivers::icao9303
