#include "drivers/icao9303/dg15.h"

#include "drivers/icao9303/lds_files.h"
#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303 {

std::expected<EvpPkeyPtr, LdsError> parse_dg15(iso7816::ByteView file) {
    const auto outer = iso7816::parse_tlv(file);
    if (!outer || outer->whole.size() != file.size()) return std::unexpected(LdsError::Malformed);
    if (outer->tag != lds_tag::kDg15) return std::unexpected(LdsError::WrongTag);
    EvpPkeyPtr key = public_key_from_der(outer->value);
    if (!key) return std::unexpected(LdsError::Malformed);
    const int type = EVP_PKEY_get_base_id(key.get());
    if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC) return std::unexpected(LdsError::Unsupported);
    return key;
}

iso7816::Bytes encode_dg15(const EVP_PKEY* public_key) {
    return iso7816::encode_tlv(lds_tag::kDg15, public_key_der(public_key));
}

}  // namespace hk::drivers::icao9303
