// SecurityInfos (9303-11 §9.2): SET OF SecurityInfo { protocol OID, requiredData, optionalData }. DG14
// (tag 6E) carries them for chip authentication and active authentication; EF.CardAccess carries the same
// structure (without a wrapper tag) for PACE. Kinds this code does not know are kept as they are.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/icao9303/crypto.h"
#include "drivers/icao9303/lds_error.h"
#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303 {

namespace oid {
inline constexpr std::string_view kIdPkDh = "0.4.0.127.0.7.2.2.1.1";
inline constexpr std::string_view kIdPkEcdh = "0.4.0.127.0.7.2.2.1.2";
inline constexpr std::string_view kIdCaDh = "0.4.0.127.0.7.2.2.3.1";  // .1 3DES, .2-.4 AES-128/192/256
inline constexpr std::string_view kIdCaEcdh = "0.4.0.127.0.7.2.2.3.2";
inline constexpr std::string_view kIdCaEcdhAes128 = "0.4.0.127.0.7.2.2.3.2.2";
inline constexpr std::string_view kIdCaDhAes128 = "0.4.0.127.0.7.2.2.3.1.2";
inline constexpr std::string_view kIdPace = "0.4.0.127.0.7.2.2.4";
inline constexpr std::string_view kIdPaceEcdhGmAes128 = "0.4.0.127.0.7.2.2.4.2.2";
inline constexpr std::string_view kIdAa = "2.23.136.1.1.5";
inline constexpr std::string_view kEcdsaWithSha1 = "1.2.840.10045.4.1";
inline constexpr std::string_view kEcdsaWithSha224 = "1.2.840.10045.4.3.1";
inline constexpr std::string_view kEcdsaWithSha256 = "1.2.840.10045.4.3.2";
inline constexpr std::string_view kEcdsaWithSha384 = "1.2.840.10045.4.3.3";
inline constexpr std::string_view kEcdsaWithSha512 = "1.2.840.10045.4.3.4";
}  // namespace oid

// True when `dotted` is `prefix` or below it ("0.4.0.127.0.7.2.2.3.2.2" is under kIdCaEcdh).
bool oid_under(std::string_view dotted, std::string_view prefix);

struct ChipAuthenticationInfo {
    std::string protocol;  // id-CA-DH-* / id-CA-ECDH-*
    int version = 0;
    std::optional<iso7816::Bytes> key_id;  // INTEGER contents as stored
};

struct ChipAuthenticationPublicKeyInfo {
    std::string protocol;                    // id-PK-DH or id-PK-ECDH
    iso7816::Bytes subject_public_key_info;  // DER, as stored: d2i_PUBKEY / public_key_from_der
    std::optional<iso7816::Bytes> key_id;
};

struct ActiveAuthenticationInfo {
    int version = 0;
    std::string signature_algorithm;  // ecdsa-with-SHA256 ...
    // The hash of an ECDSA AA signature, from the algorithm OID; nullopt when unknown.
    [[nodiscard]] std::optional<HashAlgorithm> hash() const;
};

struct PaceSecurityInfo {
    std::string protocol;  // id-PACE-*
    int version = 0;
    std::optional<int> parameter_id;  // standardized domain parameters (9303-11 §9.5.1)
};

struct OtherSecurityInfo {
    std::string protocol;
    iso7816::Bytes der;  // the whole SecurityInfo SEQUENCE
};

struct SecurityInfos {
    std::vector<ChipAuthenticationInfo> chip_authentication;
    std::vector<ChipAuthenticationPublicKeyInfo> chip_authentication_keys;
    std::optional<ActiveAuthenticationInfo> active_authentication;
    std::vector<PaceSecurityInfo> pace;
    std::vector<OtherSecurityInfo> others;  // terminal authentication, PACE domain parameters, ...
};

// The DER SET (tag 31) itself, as EF.CardAccess holds it.
std::expected<SecurityInfos, LdsError> parse_security_infos(iso7816::ByteView set);
// DG14: 6E { SET }.
std::expected<SecurityInfos, LdsError> parse_dg14(iso7816::ByteView file);

// Writers for the test factory: one SecurityInfo each, and the SET / DG14 around them.
iso7816::Bytes encode_chip_authentication_info(const ChipAuthenticationInfo& info);
iso7816::Bytes encode_chip_authentication_public_key_info(const ChipAuthenticationPublicKeyInfo& info);
iso7816::Bytes encode_active_authentication_info(const ActiveAuthenticationInfo& info);
iso7816::Bytes encode_pace_security_info(const PaceSecurityInfo& info);
iso7816::Bytes encode_security_infos(std::vector<iso7816::Bytes> infos);
iso7816::Bytes encode_dg14(std::vector<iso7816::Bytes> infos);

}  // namespace hk::drivers::icao9303
