#include "drivers/icao9303/security_infos.h"

#include <algorithm>

#include "der.h"
#include "drivers/icao9303/lds_files.h"

namespace hk::drivers::icao9303 {

using iso7816::Bytes;
using iso7816::ByteView;
using iso7816::Tlv;

bool oid_under(std::string_view dotted, std::string_view prefix) {
    return dotted == prefix ||
           (dotted.size() > prefix.size() && dotted.starts_with(prefix) && dotted[prefix.size()] == '.');
}

std::optional<HashAlgorithm> ActiveAuthenticationInfo::hash() const {
    if (signature_algorithm == oid::kEcdsaWithSha1) return HashAlgorithm::Sha1;
    if (signature_algorithm == oid::kEcdsaWithSha224) return HashAlgorithm::Sha224;
    if (signature_algorithm == oid::kEcdsaWithSha256) return HashAlgorithm::Sha256;
    if (signature_algorithm == oid::kEcdsaWithSha384) return HashAlgorithm::Sha384;
    if (signature_algorithm == oid::kEcdsaWithSha512) return HashAlgorithm::Sha512;
    return std::nullopt;
}

namespace {

std::size_t arcs_below(std::string_view dotted, std::string_view prefix) {
    if (!oid_under(dotted, prefix)) return 0;
    return static_cast<std::size_t>(
        std::count(dotted.begin() + static_cast<std::ptrdiff_t>(prefix.size()), dotted.end(), '.'));
}

std::optional<int> small_int(const Tlv& tlv) {
    if (tlv.tag != der::kInteger) return std::nullopt;
    return der::decode_small_int(tlv.value);
}

// A key id is an INTEGER, kept as its contents (they go into MSE:Set AT tag 84 as they are).
std::optional<Bytes> key_id(const Tlv& tlv) {
    if (tlv.tag != der::kInteger || tlv.value.empty()) return std::nullopt;
    return Bytes(tlv.value.begin(), tlv.value.end());
}

// One SecurityInfo into `out`; false when a kind we know has the wrong shape.
bool read_info(const Tlv& info, SecurityInfos& out) {
    if (info.tag != der::kSequence) return false;
    const auto fields = der::children(info.value);
    if (!fields || fields->empty() || (*fields)[0].tag != der::kOid) return false;
    const auto protocol = der::decode_oid((*fields)[0].value);
    if (!protocol) return false;
    const std::vector<Tlv>& f = *fields;

    if (*protocol == oid::kIdPkDh || *protocol == oid::kIdPkEcdh) {
        if (f.size() < 2 || f.size() > 3 || f[1].tag != der::kSequence) return false;
        ChipAuthenticationPublicKeyInfo key{*protocol, Bytes(f[1].whole.begin(), f[1].whole.end()), {}};
        if (f.size() == 3 && !(key.key_id = key_id(f[2]))) return false;
        out.chip_authentication_keys.push_back(std::move(key));
        return true;
    }
    if (arcs_below(*protocol, oid::kIdCaDh) == 1 || arcs_below(*protocol, oid::kIdCaEcdh) == 1) {
        if (f.size() < 2 || f.size() > 3) return false;
        const auto version = small_int(f[1]);
        if (!version) return false;
        ChipAuthenticationInfo ca{*protocol, *version, {}};
        if (f.size() == 3 && !(ca.key_id = key_id(f[2]))) return false;
        out.chip_authentication.push_back(std::move(ca));
        return true;
    }
    if (*protocol == oid::kIdAa) {
        // version, then the signature algorithm (only for ECDSA; 9303-11 §9.2.7).
        if (f.size() < 2 || f.size() > 3) return false;
        const auto version = small_int(f[1]);
        if (!version) return false;
        ActiveAuthenticationInfo aa{*version, {}};
        if (f.size() == 3) {
            if (f[2].tag != der::kOid) return false;
            const auto algorithm = der::decode_oid(f[2].value);
            if (!algorithm) return false;
            aa.signature_algorithm = *algorithm;
        }
        out.active_authentication = std::move(aa);
        return true;
    }
    if (arcs_below(*protocol, oid::kIdPace) == 2) {
        if (f.size() < 2 || f.size() > 3) return false;
        const auto version = small_int(f[1]);
        if (!version) return false;
        PaceSecurityInfo pace{*protocol, *version, {}};
        if (f.size() == 3 && !(pace.parameter_id = small_int(f[2]))) return false;
        out.pace.push_back(std::move(pace));
        return true;
    }
    out.others.push_back({*protocol, Bytes(info.whole.begin(), info.whole.end())});
    return true;
}

}  // namespace

std::expected<SecurityInfos, LdsError> parse_security_infos(ByteView set) {
    const auto outer = der::expect_whole(set, der::kSet);
    if (!outer) return std::unexpected(LdsError::Malformed);
    const auto infos = der::children(outer->value);
    if (!infos) return std::unexpected(LdsError::Malformed);
    SecurityInfos out;
    for (const Tlv& info : *infos)
        if (!read_info(info, out)) return std::unexpected(LdsError::Malformed);
    return out;
}

std::expected<SecurityInfos, LdsError> parse_dg14(ByteView file) {
    const auto outer = iso7816::parse_tlv(file);
    if (!outer || outer->whole.size() != file.size()) return std::unexpected(LdsError::Malformed);
    if (outer->tag != lds_tag::kDg14) return std::unexpected(LdsError::WrongTag);
    return parse_security_infos(outer->value);
}

Bytes encode_chip_authentication_info(const ChipAuthenticationInfo& info) {
    std::vector<Bytes> parts{der::oid(info.protocol), der::integer(info.version)};
    if (info.key_id) parts.push_back(iso7816::encode_tlv(der::kInteger, *info.key_id));
    return der::sequence(parts);
}

Bytes encode_chip_authentication_public_key_info(const ChipAuthenticationPublicKeyInfo& info) {
    std::vector<Bytes> parts{der::oid(info.protocol), info.subject_public_key_info};
    if (info.key_id) parts.push_back(iso7816::encode_tlv(der::kInteger, *info.key_id));
    return der::sequence(parts);
}

Bytes encode_active_authentication_info(const ActiveAuthenticationInfo& info) {
    std::vector<Bytes> parts{der::oid(oid::kIdAa), der::integer(info.version)};
    if (!info.signature_algorithm.empty()) parts.push_back(der::oid(info.signature_algorithm));
    return der::sequence(parts);
}

Bytes encode_pace_security_info(const PaceSecurityInfo& info) {
    std::vector<Bytes> parts{der::oid(info.protocol), der::integer(info.version)};
    if (info.parameter_id) parts.push_back(der::integer(*info.parameter_id));
    return der::sequence(parts);
}

Bytes encode_security_infos(std::vector<Bytes> infos) {
    return der::set_of(std::move(infos));
}

Bytes encode_dg14(std::vector<Bytes> infos) {
    return iso7816::encode_tlv(lds_tag::kDg14, encode_security_infos(std::move(infos)));
}

}  // namespace hk::drivers::icao9303
