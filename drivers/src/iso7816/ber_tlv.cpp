#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::iso7816 {
namespace {

struct Header {
    std::uint32_t tag = 0;
    std::size_t header_size = 0;
    std::size_t value_size = 0;
};

// nullopt: the prefix ends before the header does.
std::expected<std::optional<Header>, TlvError> parse_header(ByteView input) {
    Header header;
    std::size_t at = 0;
    if (input.empty()) return std::optional<Header>{};
    const std::uint8_t first = input[at++];
    header.tag = first;
    if ((first & 0x1F) == 0x1F) {  // tag number in the following bytes, 7 bits each, high bit = more
        for (int extra = 0;; ++extra) {
            if (at >= input.size()) return std::optional<Header>{};
            if (extra == 3) return std::unexpected(TlvError::BadTag);
            const std::uint8_t next = input[at++];
            if (extra == 0 && next == 0x80) return std::unexpected(TlvError::BadTag);  // leading zero bits
            header.tag = (header.tag << 8) | next;
            if ((next & 0x80) == 0) break;
        }
    }
    if (at >= input.size()) return std::optional<Header>{};
    const std::uint8_t length_byte = input[at++];
    if (length_byte < 0x80) {
        header.value_size = length_byte;
    } else {
        const std::size_t count = length_byte & 0x7F;
        if (count == 0 || count > 4) return std::unexpected(TlvError::BadLength);  // indefinite or absurd
        std::size_t value = 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (at >= input.size()) return std::optional<Header>{};
            value = (value << 8) | input[at++];
        }
        header.value_size = value;
    }
    header.header_size = at;
    return header;
}

std::expected<Tlv, TlvError> parse_checked(ByteView input) {
    auto header = parse_header(input);
    if (!header) return std::unexpected(header.error());
    if (!*header) return std::unexpected(TlvError::Truncated);
    const Header& h = **header;
    if (h.value_size > input.size() - h.header_size) return std::unexpected(TlvError::Truncated);
    Tlv tlv;
    tlv.tag = h.tag;
    tlv.value = input.subspan(h.header_size, h.value_size);
    tlv.whole = input.subspan(0, h.header_size + h.value_size);
    return tlv;
}

}  // namespace

bool Tlv::constructed() const {
    std::uint32_t first = tag;
    while (first > 0xFF) first >>= 8;
    return (first & 0x20) != 0;
}

std::expected<Tlv, TlvError> parse_tlv(ByteView input) {
    return parse_checked(input);
}

std::expected<std::vector<Tlv>, TlvError> parse_tlv_sequence(ByteView input) {
    std::vector<Tlv> out;
    while (!input.empty()) {
        auto tlv = parse_checked(input);
        if (!tlv) return std::unexpected(tlv.error());
        input = input.subspan(tlv->whole.size());
        out.push_back(*tlv);
    }
    return out;
}

std::optional<Tlv> find_child(ByteView constructed_value, std::uint32_t tag) {
    while (!constructed_value.empty()) {
        auto tlv = parse_checked(constructed_value);
        if (!tlv) return std::nullopt;
        if (tlv->tag == tag) return *tlv;
        constructed_value = constructed_value.subspan(tlv->whole.size());
    }
    return std::nullopt;
}

std::expected<std::optional<std::size_t>, TlvError> tlv_total_length(ByteView prefix) {
    auto header = parse_header(prefix);
    if (!header) return std::unexpected(header.error());
    if (!*header) return std::optional<std::size_t>{};
    return std::optional<std::size_t>{(*header)->header_size + (*header)->value_size};
}

Bytes encode_length(std::size_t length) {
    if (length < 0x80) return {static_cast<std::uint8_t>(length)};
    Bytes digits;
    for (std::size_t v = length; v != 0; v >>= 8)
        digits.insert(digits.begin(), static_cast<std::uint8_t>(v & 0xFF));
    digits.insert(digits.begin(), static_cast<std::uint8_t>(0x80 | digits.size()));
    return digits;
}

Bytes encode_tlv(std::uint32_t tag, ByteView value) {
    Bytes out;
    bool started = false;
    for (int shift = 24; shift >= 0; shift -= 8) {
        const auto byte = static_cast<std::uint8_t>((tag >> shift) & 0xFF);
        if (byte != 0 || started || shift == 0) {
            out.push_back(byte);
            started = true;
        }
    }
    const Bytes length = encode_length(value.size());
    out.insert(out.end(), length.begin(), length.end());
    out.insert(out.end(), value.begin(), value.end());
    return out;
}

}  // namespace hk::drivers::iso7816
