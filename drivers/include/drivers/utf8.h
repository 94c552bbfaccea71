// Writing and reading Unicode code points as UTF-8: what the resident ID card's UCS-2 text, the OCR'd page
// text and the screen texts the kiosk speaks all are.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hk::drivers {

// Appends `code` as UTF-8; a surrogate or a value beyond U+10FFFF, which UTF-8 cannot carry, becomes U+FFFD.
inline void append_utf8(std::string& out, char32_t code) {
    if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
    if (code < 0x80) {
        out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code >> 6)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (code >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (code >> 18)));
        out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
}

struct Utf8CodePoint {
    char32_t value = 0;
    std::size_t length = 1;  // bytes it took
};

// The code point starting at text[at] (at < text.size()). A malformed or truncated sequence is one byte of
// U+FFFD, so a caller stepping by `length` always moves on.
inline Utf8CodePoint decode_utf8(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = 1;
    char32_t value = lead;
    if (lead < 0x80U) return {value, 1};
    if (lead >= 0xF0U && lead < 0xF8U) {
        length = 4;
        value = lead & 0x07U;
    } else if (lead >= 0xE0U && lead < 0xF0U) {
        length = 3;
        value = lead & 0x0FU;
    } else if (lead >= 0xC0U && lead < 0xE0U) {
        length = 2;
        value = lead & 0x1FU;
    } else {
        return {0xFFFD, 1};
    }
    for (std::size_t i = 1; i < length; ++i) {
        if (at + i >= text.size()) return {0xFFFD, 1};
        const auto byte = static_cast<unsigned char>(text[at + i]);
        if ((byte & 0xC0U) != 0x80U) return {0xFFFD, 1};
        value = (value << 6U) | (byte & 0x3FU);
    }
    return {value, length};
}

}  // namespace hk::drivers
