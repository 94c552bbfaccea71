// EF.CardAccess (Doc 9303-11 §9.2.11): the SecurityInfos a chip offers for PACE before any authentication,
// and what each PACE protocol identifier (§9.2.3, BSI TR-03110-3 A.1.1) means.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/icao9303/crypto.h"

namespace hk::drivers::icao9303 {

enum class PaceKeyAgreement : std::uint8_t { Dh, Ecdh };
enum class PaceMapping : std::uint8_t {
    Generic,             // GM, §4.4.3.3.1
    Integrated,          // IM: recognised, not implemented (perform_pace answers Unsupported)
    ChipAuthentication,  // CAM, §4.4.3.3.3 (ECDH with AES only)
};

// What one PACE object identifier names.
struct PaceProtocol {
    PaceKeyAgreement agreement = PaceKeyAgreement::Ecdh;
    PaceMapping mapping = PaceMapping::Generic;
    CipherSuite suite = CipherSuite::Aes128;
};
// id-PACE-{DH,ECDH}-{GM,IM}-{3DES-CBC-CBC, AES-CBC-CMAC-128/192/256} and id-PACE-ECDH-CAM-AES-CBC-CMAC-*, in
// dotted form ("0.4.0.127.0.7.2.2.4.2.2"). nullopt for anything else.
std::optional<PaceProtocol> pace_protocol_from_oid(std::string_view dotted_oid);
std::string pace_protocol_oid(const PaceProtocol& protocol);

// Standardized domain parameter ids of 9303-11 §9.5.1 table: 0-2 the MODP groups of RFC 5114 (1024/160,
// 2048/224, 2048/256), 8-18 NIST P-192/P-224/P-256/P-384/P-521 and brainpoolP192r1..P512r1. 3-7 and 19-31
// are reserved.
bool is_standardized_domain_parameter(int parameter_id);
std::string_view domain_parameter_name(int parameter_id);  // "brainpoolP256r1", "RFC 5114 2048/256", ...

struct PaceInfo {
    std::string protocol_oid;  // dotted
    PaceProtocol protocol;
    int version = 2;                  // 9303 requires 2
    std::optional<int> parameter_id;  // absent: proprietary parameters (PACEDomainParameterInfo), unsupported
};

enum class CardAccessError : std::uint8_t {
    Malformed,  // not a DER SET OF SecurityInfo
    NoPace,     // well formed, but no PACEInfo this reader understands
};

// Every PACEInfo with a known protocol, in file order; other SecurityInfos (chip authentication, terminal
// authentication, proprietary domain parameters, unknown OIDs) are skipped. Never reads past
// `ef_card_access`.
std::expected<std::vector<PaceInfo>, CardAccessError> parse_card_access(ByteView ef_card_access);

// The PACEInfo to use: a supported one (GM or CAM, standardized parameters), preferring CAM, then ECDH over
// DH, then the stronger cipher. nullopt when none is usable.
std::optional<PaceInfo> choose_pace_info(const std::vector<PaceInfo>& infos);

// DER object identifier contents (no tag or length) <-> dotted text. Used for the 80 / 06 objects of PACE and
// chip authentication.
std::optional<Bytes> encode_oid(std::string_view dotted_oid);
std::optional<std::string> decode_oid(ByteView contents);

}  // namespace hk::drivers::icao9303
