#include "encoding.h"

#include <array>
#include <cstdint>

namespace hk::central {
namespace {

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int base64_value(char c) {
    const auto at = kBase64.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) {
        // Unpadded: a lone trailing character can never encode a whole byte.
        if (text.size() % 4 == 1) return std::nullopt;
    } else if (!text.empty() && text.back() == '=') {
        text.remove_suffix(text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1);
        if (text.size() % 4 == 1) return std::nullopt;
    }
    std::string bytes;
    bytes.reserve(text.size() / 4 * 3 + 2);
    std::uint32_t accumulator = 0;
    int bits = 0;
    for (const char c : text) {
        const int value = base64_value(c);
        if (value < 0) return std::nullopt;
        accumulator = (accumulator << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<char>((accumulator >> bits) & 0xFFu));
        }
    }
    // The leftover bits of the last character must be zero, or two texts would decode to the same bytes.
    if ((accumulator & ((1u << bits) - 1u)) != 0) return std::nullopt;
    return bytes;
}

std::string base64url_encode(std::string_view bytes) {
    std::string text;
    text.reserve((bytes.size() + 2) / 3 * 4);
    std::uint32_t accumulator = 0;
    int bits = 0;
    for (const char c : bytes) {
        accumulator = (accumulator << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            text.push_back(kBase64Url[(accumulator >> bits) & 0x3Fu]);
        }
    }
    if (bits > 0) text.push_back(kBase64Url[(accumulator << (6 - bits)) & 0x3Fu]);
    return text;
}

std::string base32_encode(std::string_view bytes) {
    std::string text;
    std::uint32_t accumulator = 0;
    int bits = 0;
    for (const char c : bytes) {
        accumulator = (accumulator << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            text.push_back(kBase32[(accumulator >> bits) & 0x1Fu]);
        }
    }
    if (bits > 0) text.push_back(kBase32[(accumulator << (5 - bits)) & 0x1Fu]);
    return text;
}

}  // namespace hk::central
