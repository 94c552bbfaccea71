// EF.CardAccess and the PACE protocol identifiers (Doc 9303-11 §9.2.3, §9.2.11, §9.5.1).
#include "drivers/icao9303/card_access.h"

#include <algorithm>
#include <array>

#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303 {
namespace {

constexpr std::string_view kIdPace = "0.4.0.127.0.7.2.2.4.";

std::optional<CipherSuite> suite_from_arc(std::string_view arc) {
    if (arc == "1") return CipherSuite::Des3;
    if (arc == "2") return CipherSuite::Aes128;
    if (arc == "3") return CipherSuite::Aes192;
    if (arc == "4") return CipherSuite::Aes256;
    return std::nullopt;
}

char suite_arc(CipherSuite suite) {
    switch (suite) {
        case CipherSuite::Des3:
            return '1';
        case CipherSuite::Aes128:
            return '2';
        case CipherSuite::Aes192:
            return '3';
        case CipherSuite::Aes256:
            return '4';
    }
    return '0';
}

// A non-negative DER INTEGER that fits an int.
std::optional<int> small_integer(const iso7816::Tlv& tlv) {
    if (tlv.tag != 0x02 || tlv.value.empty() || tlv.value.size() > 3 || (tlv.value[0] & 0x80) != 0) {
        return std::nullopt;
    }
    int value = 0;
    for (const std::uint8_t byte : tlv.value) value = (value << 8) | byte;
    return value;
}

struct NamedParameters {
    int id;
    std::string_view name;
};
constexpr std::array kStandardized{
    NamedParameters{0, "RFC 5114 1024-bit MODP, 160-bit subgroup"},
    NamedParameters{1, "RFC 5114 2048-bit MODP, 224-bit subgroup"},
    NamedParameters{2, "RFC 5114 2048-bit MODP, 256-bit subgroup"},
    NamedParameters{8, "NIST P-192"},
    NamedParameters{9, "brainpoolP192r1"},
    NamedParameters{10, "NIST P-224"},
    NamedParameters{11, "brainpoolP224r1"},
    NamedParameters{12, "NIST P-256"},
    NamedParameters{13, "brainpoolP256r1"},
    NamedParameters{14, "brainpoolP320r1"},
    NamedParameters{15, "NIST P-384"},
    NamedParameters{16, "brainpoolP384r1"},
    NamedParameters{17, "brainpoolP512r1"},
    NamedParameters{18, "NIST P-521"},
};

bool usable(const PaceInfo& info) {
    return info.protocol.mapping != PaceMapping::Integrated && info.parameter_id &&
           is_standardized_domain_parameter(*info.parameter_id) &&
           (*info.parameter_id <= 2) == (info.protocol.agreement == PaceKeyAgreement::Dh);
}

}  // namespace

std::optional<PaceProtocol> pace_protocol_from_oid(std::string_view dotted_oid) {
    if (!dotted_oid.starts_with(kIdPace)) return std::nullopt;
    const std::string_view rest = dotted_oid.substr(kIdPace.size());
    if (rest.size() != 3 || rest[1] != '.') return std::nullopt;
    const auto suite = suite_from_arc(rest.substr(2));
    if (!suite) return std::nullopt;
    switch (rest[0]) {
        case '1':
            return PaceProtocol{PaceKeyAgreement::Dh, PaceMapping::Generic, *suite};
        case '2':
            return PaceProtocol{PaceKeyAgreement::Ecdh, PaceMapping::Generic, *suite};
        case '3':
            return PaceProtocol{PaceKeyAgreement::Dh, PaceMapping::Integrated, *suite};
        case '4':
            return PaceProtocol{PaceKeyAgreement::Ecdh, PaceMapping::Integrated, *suite};
        case '6':  // CAM exists with AES only
            if (*suite == CipherSuite::Des3) return std::nullopt;
            return PaceProtocol{PaceKeyAgreement::Ecdh, PaceMapping::ChipAuthentication, *suite};
        default:
            return std::nullopt;
    }
}

std::string pace_protocol_oid(const PaceProtocol& protocol) {
    char family = '2';
    if (protocol.mapping == PaceMapping::ChipAuthentication) {
        family = '6';
    } else if (protocol.mapping == PaceMapping::Integrated) {
        family = protocol.agreement == PaceKeyAgreement::Dh ? '3' : '4';
    } else {
        family = protocol.agreement == PaceKeyAgreement::Dh ? '1' : '2';
    }
    std::string oid{kIdPace};
    oid += family;
    oid += '.';
    oid += suite_arc(protocol.suite);
    return oid;
}

bool is_standardized_domain_parameter(int parameter_id) {
    return std::any_of(kStandardized.begin(), kStandardized.end(),
                       [parameter_id](const NamedParameters& p) { return p.id == parameter_id; });
}

std::string_view domain_parameter_name(int parameter_id) {
    for (const NamedParameters& p : kStandardized) {
        if (p.id == parameter_id) return p.name;
    }
    return "unknown";
}

std::expected<std::vector<PaceInfo>, CardAccessError> parse_card_access(ByteView ef_card_access) {
    const auto set = iso7816::parse_tlv(ef_card_access);
    if (!set || set->tag != 0x31) return std::unexpected(CardAccessError::Malformed);
    // A file read with a fixed length may end in zero padding; anything else after the SET is not ours.
    const ByteView trailer = ef_card_access.subspan(set->whole.size());
    if (std::any_of(trailer.begin(), trailer.end(), [](std::uint8_t b) { return b != 0; })) {
        return std::unexpected(CardAccessError::Malformed);
    }
    const auto infos = iso7816::parse_tlv_sequence(set->value);
    if (!infos) return std::unexpected(CardAccessError::Malformed);
    std::vector<PaceInfo> out;
    for (const iso7816::Tlv& info : *infos) {
        if (info.tag != 0x30) return std::unexpected(CardAccessError::Malformed);
        const auto fields = iso7816::parse_tlv_sequence(info.value);
        if (!fields || fields->empty() || (*fields)[0].tag != 0x06) {
            return std::unexpected(CardAccessError::Malformed);
        }
        const auto oid = decode_oid((*fields)[0].value);
        if (!oid) return std::unexpected(CardAccessError::Malformed);
        const auto protocol = pace_protocol_from_oid(*oid);
        if (!protocol) continue;  // another SecurityInfo: not PACE, or PACE domain parameters
        // PACEInfo ::= SEQUENCE { protocol OID, version INTEGER, parameterId INTEGER OPTIONAL }
        if (fields->size() < 2 || fields->size() > 3) return std::unexpected(CardAccessError::Malformed);
        const auto version = small_integer((*fields)[1]);
        if (!version) return std::unexpected(CardAccessError::Malformed);
        PaceInfo parsed{.protocol_oid = *oid, .protocol = *protocol, .version = *version, .parameter_id = {}};
        if (fields->size() == 3) {
            const auto id = small_integer((*fields)[2]);
            if (!id) return std::unexpected(CardAccessError::Malformed);
            parsed.parameter_id = *id;
        }
        out.push_back(std::move(parsed));
    }
    if (out.empty()) return std::unexpected(CardAccessError::NoPace);
    return out;
}

std::optional<PaceInfo> choose_pace_info(const std::vector<PaceInfo>& infos) {
    const auto rank = [](const PaceInfo& info) {
        int score = static_cast<int>(info.protocol.suite);  // 3DES < AES-128 < AES-192 < AES-256
        if (info.protocol.agreement == PaceKeyAgreement::Ecdh) score += 10;
        if (info.protocol.mapping == PaceMapping::ChipAuthentication) score += 100;
        return score;
    };
    std::optional<PaceInfo> best;
    for (const PaceInfo& info : infos) {
        if (!usable(info)) continue;
        if (!best || rank(info) > rank(*best)) best = info;
    }
    return best;
}

}  // namespace hk::drivers::icao9303
