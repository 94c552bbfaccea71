// The MRZ information and BAC keys of Doc 9303-11 §4.3.2 and §9.7.2.
#include <algorithm>

#include "drivers/icao9303/bac.h"

namespace hk::drivers::icao9303 {
namespace {

bool is_date(std::string_view date) {
    return date.size() == 6 &&
           std::all_of(date.begin(), date.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::string> mrz_information(const ChipAccessKey& key) {
    std::string number{key.document_number.reveal()};
    std::transform(number.begin(), number.end(), number.begin(),
                   [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; });
    while (!number.empty() && number.back() == '<') number.pop_back();
    if (number.empty()) return std::nullopt;
    if (number.size() < 9) number.append(9 - number.size(), '<');
    const std::string_view birth = key.birth_date.reveal();
    const std::string_view expiry = key.expiry_date.reveal();
    if (!is_date(birth) || !is_date(expiry)) return std::nullopt;
    const auto number_digit = mrz_check_digit(number);
    if (!number_digit) return std::nullopt;
    std::string out = number;
    out += *number_digit;
    out += birth;
    out += *mrz_check_digit(birth);
    out += expiry;
    out += *mrz_check_digit(expiry);
    std::fill(number.begin(), number.end(), '\0');
    return out;
}

Bytes bac_key_seed(std::string_view mrz_information) {
    const ByteView text{reinterpret_cast<const std::uint8_t*>(mrz_information.data()),
                        mrz_information.size()};
    Bytes hash = digest(HashAlgorithm::Sha1, text);
    hash.resize(16);
    return hash;
}

void BacKeys::wipe() {
    iso7816::wipe(k_enc);
    iso7816::wipe(k_mac);
}

BacKeys derive_bac_keys(ByteView key_seed) {
    BacKeys keys{derive_key(key_seed, KeyPurpose::Encryption, CipherSuite::Des3),
                 derive_key(key_seed, KeyPurpose::Mac, CipherSuite::Des3)};
    adjust_des_parity(keys.k_enc);
    adjust_des_parity(keys.k_mac);
    return keys;
}

}  // namespace hk::drivers::icao9303
