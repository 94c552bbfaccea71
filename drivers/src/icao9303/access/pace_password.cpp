// The PACE password π and Kπ (Doc 9303-11 §9.7.3).
#include <algorithm>

#include "drivers/icao9303/bac.h"
#include "drivers/icao9303/pace.h"

namespace hk::drivers::icao9303 {

std::optional<PacePassword> PacePassword::from_mrz(const ChipAccessKey& key) {
    auto information = mrz_information(key);
    if (!information) return std::nullopt;
    const ByteView text{reinterpret_cast<const std::uint8_t*>(information->data()), information->size()};
    PacePassword password{Kind::Mrz, digest(HashAlgorithm::Sha1, text)};
    std::fill(information->begin(), information->end(), '\0');
    return password;
}

PacePassword PacePassword::from_can(std::string_view can) {
    return PacePassword{Kind::Can, Bytes(can.begin(), can.end())};
}

PacePassword::~PacePassword() {
    iso7816::wipe(secret_);
}

Bytes PacePassword::derive_key(CipherSuite suite) const {
    return icao9303::derive_key(secret_, KeyPurpose::Password, suite);
}

void PaceResult::wipe() {
    keys.wipe();
    if (chip_authentication_data) iso7816::wipe(*chip_authentication_data);
}

}  // namespace hk::drivers::icao9303
