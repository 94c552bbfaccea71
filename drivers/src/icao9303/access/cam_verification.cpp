// PACE-CAM's check against DG14 (Doc 9303-11 §4.4.3.5.2): PK_Map,IC = CA_IC · PK_IC proves that the chip
// holding the PACE session also holds the static private key DG14 vouches for.
#include "drivers/icao9303/pace.h"
#include "exchange.h"
#include "key_agreement.h"

namespace hk::drivers::icao9303 {

std::expected<void, AccessError> verify_cam(const PaceResult& result, ByteView chip_public_key_info_der) {
    if (result.info.protocol.mapping != PaceMapping::ChipAuthentication || !result.chip_authentication_data) {
        return std::unexpected(detail::unsupported("PACE ran without chip authentication mapping"));
    }
    const auto static_key = detail::parse_subject_public_key_info(chip_public_key_info_der);
    if (!static_key || !static_key->domain->is_ec()) {
        return std::unexpected(detail::unsupported("DG14 key is not an EC key OpenSSL can read"));
    }
    // The static key must live on PACE's curve; the check below would fail anyway, but say why.
    const auto pace_domain = detail::standardized_domain(result.info.parameter_id.value_or(-1));
    if (!pace_domain || !pace_domain->valid_public_key(static_key->public_key)) {
        return std::unexpected(detail::unsupported("DG14 key is not on the PACE curve"));
    }
    if (!pace_domain->scalar_multiple_equals(*result.chip_authentication_data, static_key->public_key,
                                             result.chip_mapping_public_key)) {
        return std::unexpected(
            AccessError{.kind = AccessError::Refused,
                        .status = 0,
                        .channel = {},
                        .detail = "CAM: chip authentication data does not match the DG14 key"});
    }
    return {};
}

}  // namespace hk::drivers::icao9303
