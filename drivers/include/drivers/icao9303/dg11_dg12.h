// DG11 "additional personal details" (9303-10 §4.7.11, tag 6B) and DG12 "additional document details"
// (§4.7.12, tag 6C). Every field is optional; the tag list 5C says which are there. Unknown tags are
// skipped so newer LDS versions still read.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "drivers/icao9303/lds_error.h"
#include "drivers/iso7816/bytes.h"
#include "drivers/personal_string.h"

namespace hk::drivers::icao9303 {

struct AdditionalPersonalDetails {                         // DG11
    std::optional<PersonalString> full_name;               // 5F0E, primary<<secondary as in the MRZ
    std::vector<PersonalString> other_names;               // A0 > 5F0F
    std::optional<PersonalString> personal_number;         // 5F10
    std::optional<PersonalString> full_birth_date;         // 5F2B, YYYYMMDD
    std::optional<PersonalString> place_of_birth;          // 5F11
    std::optional<PersonalString> address;                 // 5F42
    std::optional<PersonalString> telephone;               // 5F12
    std::optional<PersonalString> profession;              // 5F13
    std::optional<PersonalString> title;                   // 5F14
    std::optional<PersonalString> personal_summary;        // 5F15
    std::optional<PersonalString> other_travel_documents;  // 5F17
    std::optional<PersonalString> custody_information;     // 5F18

    void wipe() noexcept;
};

struct AdditionalDocumentDetails {                        // DG12
    std::optional<std::string> issuing_authority;         // 5F19
    std::optional<std::string> date_of_issue;             // 5F26, YYYYMMDD
    std::optional<PersonalString> endorsements;           // 5F1B
    std::optional<PersonalString> tax_exit_requirements;  // 5F1C
    std::optional<std::string> personalization_time;      // 5F55, YYYYMMDDhhmmss
    std::optional<std::string> personalization_device;    // 5F56
    std::vector<PersonalString> other_persons;            // A0 > 5F1A
};

std::expected<AdditionalPersonalDetails, LdsError> parse_dg11(iso7816::ByteView file);
std::expected<AdditionalDocumentDetails, LdsError> parse_dg12(iso7816::ByteView file);

// Files from (tag, text) pairs in order, with the tag list 5C built from them; for the test factory.
iso7816::Bytes encode_dg11(const AdditionalPersonalDetails& details);
iso7816::Bytes encode_dg12(const AdditionalDocumentDetails& details);

}  // namespace hk::drivers::icao9303
