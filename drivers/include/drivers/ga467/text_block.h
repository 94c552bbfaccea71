// The 256-byte text block a GA 467 SAM reads from the card: fixed fields of UCS-2LE text. Decoding checks the
// card's own consistency rules, so a misread or forged block is refused before anyone acts on it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <string>

#include "drivers/resident_id_reader.h"

namespace hk::drivers::ga467 {

inline constexpr std::size_t kTextBlockSize = 256;
inline constexpr std::size_t kPhotoSize = 1024;  // WLT-compressed photo, decoded only by licensed libraries
inline constexpr std::size_t kFingerprintSize = 1024;  // two templates of 512 bytes, when the card has them

// Byte ranges of the fields in the block.
struct TextField {
    std::size_t offset;
    std::size_t size;
};
inline constexpr TextField kNameField{0, 30};
inline constexpr TextField kSexField{30, 2};
inline constexpr TextField kNationField{32, 4};
inline constexpr TextField kBirthField{36, 16};
inline constexpr TextField kAddressField{52, 70};
inline constexpr TextField kIdNumberField{122, 36};
inline constexpr TextField kAuthorityField{158, 30};
inline constexpr TextField kValidFromField{188, 16};
inline constexpr TextField kValidUntilField{204, 16};

// The rule a block broke. Fault details name the rule, never the value that broke it.
enum class CardRule : std::uint8_t {
    BlockSize,     // not 256 bytes
    TextEncoding,  // a field is not valid UCS-2 text
    NameMissing,
    SexCode,            // not 0, 1, 2 or 9 (GB/T 2261.1)
    NationCode,         // not a GB 3304 code
    BirthDate,          // not a real YYYYMMDD date
    IdNumber,           // fails GB 11643 (form, birth date or ISO 7064 MOD 11-2 check character)
    BirthDateMismatch,  // the birth date in the ID number differs from the birth field
    SexMismatch,        // the ID number's sequence digit (odd: male) contradicts the sex field
    ValidFrom,          // not a real date
    ValidUntil,         // neither a real date nor 长期
    ValidityOrder,      // valid until is before valid from
};
const char* describe(CardRule rule);

// The text block as a ResidentIdCard (sex and nationality as printed: "男", "汉"; 长期 kept as is).
std::expected<ResidentIdCard, CardRule> decode_text_block(std::span<const std::uint8_t> block);

// The fields as stored on a card, in UTF-8 (codes not yet turned into names). For the simulator and tests,
// which also build broken cards: encoding checks only that each field fits.
struct TextBlockFields {
    std::string name;
    std::string sex_code = "1";
    std::string nation_code = "01";
    std::string birth_date;
    std::string address;
    std::string id_number;
    std::string issuing_authority;
    std::string valid_from;
    std::string valid_until;
};
// The block, fields padded with spaces; or the name of the field that does not fit or is not UTF-8.
std::expected<std::array<std::uint8_t, kTextBlockSize>, std::string> encode_text_block(
    const TextBlockFields& fields);

// YYYYMMDD naming a day that exists, years 1900-2099.
bool is_real_date(std::string_view yyyymmdd);

}  // namespace hk::drivers::ga467
