#include "der.h"

#include <algorithm>
#include <charconv>

namespace hk::drivers::icao9303::der {

std::optional<Tlv> expect_whole(ByteView input, std::uint32_t tag) {
    auto tlv = iso7816::parse_tlv(input);
    if (!tlv || tlv->tag != tag || tlv->whole.size() != input.size()) return std::nullopt;
    return *tlv;
}

std::optional<std::vector<Tlv>> children(ByteView constructed_value) {
    auto all = iso7816::parse_tlv_sequence(constructed_value);
    if (!all) return std::nullopt;
    return std::move(*all);
}

std::optional<std::string> decode_oid(ByteView contents) {
    if (contents.empty() || (contents.back() & 0x80) != 0) return std::nullopt;
    std::string out;
    std::uint64_t arc = 0;
    bool first = true;
    int septets = 0;
    for (const std::uint8_t byte : contents) {
        if (septets == 0 && byte == 0x80) return std::nullopt;  // non-minimal arc
        if (++septets > 9) return std::nullopt;                 // beyond 63 bits: not an OID we know
        arc = (arc << 7) | (byte & 0x7F);
        if ((byte & 0x80) != 0) continue;
        if (first) {  // the first arc packs the first two components (X.690 §8.19.4)
            const std::uint64_t top = arc < 40 ? 0 : (arc < 80 ? 1 : 2);
            out = std::to_string(top) + "." + std::to_string(arc - top * 40);
            first = false;
        } else {
            out += "." + std::to_string(arc);
        }
        arc = 0;
        septets = 0;
    }
    return out;
}

std::optional<int> decode_small_int(ByteView contents) {
    if (contents.empty() || contents.size() > 4 || (contents[0] & 0x80) != 0) return std::nullopt;
    std::uint32_t value = 0;
    for (const std::uint8_t byte : contents) value = (value << 8) | byte;
    if (value > 0x7FFFFFFF) return std::nullopt;
    return static_cast<int>(value);
}

namespace {

void append_base128(Bytes& out, std::uint64_t value) {
    Bytes septets{static_cast<std::uint8_t>(value & 0x7F)};
    for (value >>= 7; value != 0; value >>= 7)
        septets.insert(septets.begin(), static_cast<std::uint8_t>(0x80 | (value & 0x7F)));
    out.insert(out.end(), septets.begin(), septets.end());
}

}  // namespace

Bytes oid(std::string_view dotted) {
    std::vector<std::uint64_t> arcs;
    while (!dotted.empty()) {
        const std::size_t dot = dotted.find('.');
        const std::string_view part = dotted.substr(0, dot);
        std::uint64_t value = 0;
        std::from_chars(part.data(), part.data() + part.size(), value);
        arcs.push_back(value);
        dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
    }
    Bytes contents;
    if (arcs.size() >= 2) {
        append_base128(contents, arcs[0] * 40 + arcs[1]);
        for (std::size_t i = 2; i < arcs.size(); ++i) append_base128(contents, arcs[i]);
    }
    return iso7816::encode_tlv(kOid, contents);
}

Bytes integer(int value) {
    Bytes contents;
    auto v = static_cast<std::uint32_t>(value);
    do {
        contents.insert(contents.begin(), static_cast<std::uint8_t>(v & 0xFF));
        v >>= 8;
    } while (v != 0);
    if ((contents[0] & 0x80) != 0) contents.insert(contents.begin(), 0x00);
    return iso7816::encode_tlv(kInteger, contents);
}

Bytes octet_string(ByteView value) {
    return iso7816::encode_tlv(kOctetString, value);
}

Bytes sequence(const std::vector<Bytes>& parts) {
    Bytes contents;
    for (const Bytes& part : parts) contents.insert(contents.end(), part.begin(), part.end());
    return iso7816::encode_tlv(kSequence, contents);
}

Bytes set_of(std::vector<Bytes> parts) {
    std::sort(parts.begin(), parts.end());
    Bytes contents;
    for (const Bytes& part : parts) contents.insert(contents.end(), part.begin(), part.end());
    return iso7816::encode_tlv(kSet, contents);
}

}  // namespace hk::drivers::icao9303::der
