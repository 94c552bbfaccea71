// EF.SOD (9303-10 §4.6.2, tag 77): a CMS SignedData (RFC 5652) whose content, of type
// id-icao-mrtd-security-ldsSecurityObject (2.23.136.1.1.1), is the LDSSecurityObject (9303-10 §4.6.2.2):
//   LDSSecurityObject ::= SEQUENCE { version INTEGER (0 | 1), hashAlgorithm AlgorithmIdentifier,
//       dataGroupHashValues SEQUENCE OF DataGroupHash { dataGroupNumber INTEGER, hashValue OCTET STRING },
//       ldsVersionInfo LDSVersionInfo OPTIONAL -- v1: { ldsVersion, unicodeVersion PrintableString } }
// This header reads it; passive_authentication.h checks it.
#pragma once

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/icao9303/crypto.h"
#include "drivers/icao9303/lds_error.h"
#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303 {

namespace oid {
inline constexpr std::string_view kLdsSecurityObject = "2.23.136.1.1.1";
inline constexpr std::string_view kCscaMasterList = "2.23.136.1.1.2";
}  // namespace oid

struct DataGroupHash {
    int data_group = 0;
    iso7816::Bytes hash;
};

struct LdsSecurityObject {
    int version = 0;
    std::string hash_algorithm_oid;
    std::optional<HashAlgorithm> hash_algorithm;  // nullopt: an algorithm crypto.h does not know
    std::vector<DataGroupHash> hashes;
    std::optional<std::string> lds_version;      // v1 only
    std::optional<std::string> unicode_version;  // v1 only

    [[nodiscard]] const DataGroupHash* find(int data_group) const;
};

// The DER LDSSecurityObject.
std::expected<LdsSecurityObject, LdsError> parse_lds_security_object(iso7816::ByteView der);
// The CMS ContentInfo inside EF.SOD's 77 wrapper.
std::expected<iso7816::ByteView, LdsError> unwrap_sod(iso7816::ByteView ef_sod);
// EF.SOD's security object WITHOUT checking its signature: for a reader deciding what to read and which
// hash to use. Use verify_passive_authentication to trust it.
std::expected<LdsSecurityObject, LdsError> read_sod_unverified(iso7816::ByteView ef_sod);

// The DER LDSSecurityObject (version 0) with the hash of each file in `files` (DG number -> whole file).
iso7816::Bytes encode_lds_security_object(HashAlgorithm hash, const std::map<int, iso7816::Bytes>& files);

}  // namespace hk::drivers::icao9303
