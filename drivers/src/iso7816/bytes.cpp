#include "drivers/iso7816/bytes.h"

#include "drivers/personal_string.h"

namespace hk::drivers::iso7816 {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<Bytes> from_hex(std::string_view hex) {
    Bytes out;
    out.reserve(hex.size() / 2);
    int high = -1;
    for (const char c : hex) {
        if (c == ' ' || c == '\n' || c == '\t') continue;
        const int value = hex_value(c);
        if (value < 0) return std::nullopt;
        if (high < 0) {
            high = value;
        } else {
            out.push_back(static_cast<std::uint8_t>(high * 16 + value));
            high = -1;
        }
    }
    if (high >= 0) return std::nullopt;
    return out;
}

namespace {

std::string hex_with(ByteView bytes, const char (&digits)[17]) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const std::uint8_t b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0F]);
    }
    return out;
}

}  // namespace

std::string to_hex(ByteView bytes) {
    return hex_with(bytes, "0123456789ABCDEF");
}

std::string to_lower_hex(ByteView bytes) {
    return hex_with(bytes, "0123456789abcdef");
}

Bytes concat(ByteView a, ByteView b) {
    Bytes out;
    out.reserve(a.size() + b.size());
    out.insert(out.end(), a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

void wipe(Bytes& bytes) noexcept {
    wipe_bytes(bytes.data(), bytes.capacity());
    bytes.clear();
}

}  // namespace hk::drivers::iso7816
