#include "drivers/icao9303/ef_com.h"

#include "drivers/icao9303/lds_files.h"
#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303 {

using iso7816::Bytes;
using iso7816::ByteView;

std::vector<int> EfCom::data_groups() const {
    std::vector<int> out;
    for (const std::uint8_t tag : tags)
        if (const auto dg = data_group_from_tag(tag)) out.push_back(*dg);
    return out;
}

std::expected<EfCom, LdsError> parse_ef_com(ByteView file) {
    const auto outer = iso7816::parse_tlv(file);
    if (!outer || outer->whole.size() != file.size()) return std::unexpected(LdsError::Malformed);
    if (outer->tag != lds_tag::kCom) return std::unexpected(LdsError::WrongTag);
    if (!iso7816::parse_tlv_sequence(outer->value)) return std::unexpected(LdsError::Malformed);
    const auto version = iso7816::find_child(outer->value, 0x5F01);
    const auto unicode = iso7816::find_child(outer->value, 0x5F36);
    const auto tags = iso7816::find_child(outer->value, 0x5C);
    if (!tags) return std::unexpected(LdsError::Malformed);  // the tag list is mandatory
    EfCom com;
    if (version) com.lds_version.assign(version->value.begin(), version->value.end());
    if (unicode) com.unicode_version.assign(unicode->value.begin(), unicode->value.end());
    com.tags.assign(tags->value.begin(), tags->value.end());
    return com;
}

Bytes encode_ef_com(const EfCom& com) {
    Bytes value;
    const auto add = [&value](std::uint32_t tag, ByteView contents) {
        const Bytes tlv = iso7816::encode_tlv(tag, contents);
        value.insert(value.end(), tlv.begin(), tlv.end());
    };
    const auto text = [](const std::string& s) {
        return ByteView(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
    };
    add(0x5F01, text(com.lds_version));
    add(0x5F36, text(com.unicode_version));
    add(0x5C, com.tags);
    return iso7816::encode_tlv(lds_tag::kCom, value);
}

}  // namespace hk::drivers::icao9303
