#include "drivers/icao9303/sod.h"

#include "cms_util.h"
#include "der.h"
#include "drivers/icao9303/lds_files.h"

namespace hk::drivers::icao9303 {

using iso7816::Bytes;
using iso7816::ByteView;
using iso7816::Tlv;

const DataGroupHash* LdsSecurityObject::find(int data_group) const {
    for (const DataGroupHash& entry : hashes)
        if (entry.data_group == data_group) return &entry;
    return nullptr;
}

namespace {

std::optional<std::string> printable(const Tlv& tlv) {
    if (tlv.tag != der::kPrintableString && tlv.tag != der::kUtf8String) return std::nullopt;
    return std::string(tlv.value.begin(), tlv.value.end());
}

}  // namespace

std::expected<LdsSecurityObject, LdsError> parse_lds_security_object(ByteView input) {
    const auto outer = der::expect_whole(input, der::kSequence);
    if (!outer) return std::unexpected(LdsError::Malformed);
    const auto fields = der::children(outer->value);
    if (!fields || fields->size() < 3 || fields->size() > 4) return std::unexpected(LdsError::Malformed);
    const std::vector<Tlv>& f = *fields;

    LdsSecurityObject sod;
    const auto version = f[0].tag == der::kInteger ? der::decode_small_int(f[0].value) : std::nullopt;
    if (!version || *version > 1) return std::unexpected(LdsError::Malformed);
    sod.version = *version;

    // AlgorithmIdentifier { OID, parameters (NULL or absent) }
    if (f[1].tag != der::kSequence) return std::unexpected(LdsError::Malformed);
    const auto algorithm = der::children(f[1].value);
    if (!algorithm || algorithm->empty() || (*algorithm)[0].tag != der::kOid)
        return std::unexpected(LdsError::Malformed);
    const auto hash_oid = der::decode_oid((*algorithm)[0].value);
    if (!hash_oid) return std::unexpected(LdsError::Malformed);
    sod.hash_algorithm_oid = *hash_oid;
    sod.hash_algorithm = hash_algorithm_from_oid(*hash_oid);

    if (f[2].tag != der::kSequence) return std::unexpected(LdsError::Malformed);
    const auto entries = der::children(f[2].value);
    if (!entries || entries->empty()) return std::unexpected(LdsError::Malformed);
    for (const Tlv& entry : *entries) {
        const auto pair = entry.tag == der::kSequence ? der::children(entry.value) : std::nullopt;
        if (!pair || pair->size() != 2 || (*pair)[0].tag != der::kInteger ||
            (*pair)[1].tag != der::kOctetString)
            return std::unexpected(LdsError::Malformed);
        const auto number = der::decode_small_int((*pair)[0].value);
        if (!number || *number < 1 || *number > 16 || sod.find(*number) != nullptr)
            return std::unexpected(LdsError::Malformed);  // a DG listed twice would make the check ambiguous
        sod.hashes.push_back({*number, Bytes((*pair)[1].value.begin(), (*pair)[1].value.end())});
    }

    if (f.size() == 4) {
        const auto info = f[3].tag == der::kSequence ? der::children(f[3].value) : std::nullopt;
        if (!info || info->size() != 2) return std::unexpected(LdsError::Malformed);
        sod.lds_version = printable((*info)[0]);
        sod.unicode_version = printable((*info)[1]);
        if (!sod.lds_version || !sod.unicode_version) return std::unexpected(LdsError::Malformed);
    }
    return sod;
}

std::expected<ByteView, LdsError> unwrap_sod(ByteView ef_sod) {
    const auto outer = iso7816::parse_tlv(ef_sod);
    if (!outer || outer->whole.size() != ef_sod.size()) return std::unexpected(LdsError::Malformed);
    if (outer->tag != lds_tag::kSod) return std::unexpected(LdsError::WrongTag);
    return outer->value;
}

std::expected<LdsSecurityObject, LdsError> read_sod_unverified(ByteView ef_sod) {
    const auto content_info = unwrap_sod(ef_sod);
    if (!content_info) return std::unexpected(content_info.error());
    const cms::CmsPtr signed_data = cms::parse_signed_data(*content_info);
    cms::take_openssl_error();
    if (!signed_data) return std::unexpected(LdsError::Malformed);
    if (cms::econtent_type(signed_data.get()) != oid::kLdsSecurityObject)
        return std::unexpected(LdsError::WrongTag);
    const auto content = cms::embedded_content(signed_data.get());
    if (!content) return std::unexpected(LdsError::Malformed);
    return parse_lds_security_object(*content);
}

Bytes encode_lds_security_object(HashAlgorithm hash, const std::map<int, Bytes>& files) {
    std::vector<Bytes> entries;
    for (const auto& [number, file] : files)
        entries.push_back(der::sequence({der::integer(number), der::octet_string(digest(hash, file))}));
    return der::sequence(
        {der::integer(0), der::sequence({der::oid(cms::hash_oid(hash))}), der::sequence(entries)});
}

}  // namespace hk::drivers::icao9303
