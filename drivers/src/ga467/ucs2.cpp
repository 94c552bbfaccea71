#include "drivers/ga467/ucs2.h"

#include "drivers/utf8.h"

namespace hk::drivers::ga467 {

namespace {

void append_unit(std::vector<std::uint8_t>& out, char32_t unit) {
    out.push_back(static_cast<std::uint8_t>(unit & 0xFF));
    out.push_back(static_cast<std::uint8_t>((unit >> 8) & 0xFF));
}

bool is_high_surrogate(char32_t unit) {
    return unit >= 0xD800 && unit <= 0xDBFF;
}
bool is_low_surrogate(char32_t unit) {
    return unit >= 0xDC00 && unit <= 0xDFFF;
}

}  // namespace

std::optional<std::string> card_text_to_utf8(std::span<const std::uint8_t> utf16le) {
    if (utf16le.size() % 2 != 0) return std::nullopt;
    std::size_t units = utf16le.size() / 2;
    const auto unit_at = [&](std::size_t i) {
        return static_cast<char32_t>(utf16le[2 * i] | (static_cast<unsigned>(utf16le[2 * i + 1]) << 8));
    };
    for (std::size_t i = 0; i < units; ++i) {
        if (unit_at(i) == 0) {
            units = i;
            break;
        }
    }
    while (units > 0 && unit_at(units - 1) == u' ') --units;

    std::string out;
    out.reserve(units * 3);
    for (std::size_t i = 0; i < units; ++i) {
        const char32_t unit = unit_at(i);
        if (is_high_surrogate(unit)) {
            if (i + 1 >= units || !is_low_surrogate(unit_at(i + 1))) return std::nullopt;
            const char32_t low = unit_at(++i);
            append_utf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        } else if (is_low_surrogate(unit)) {
            return std::nullopt;
        } else {
            append_utf8(out, unit);
        }
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> utf8_to_card_text(std::string_view utf8) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        std::size_t extra = 0;
        char32_t code = 0;
        if (lead < 0x80) {
            code = lead;
        } else if ((lead & 0xE0) == 0xC0) {
            extra = 1;
            code = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2;
            code = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3;
            code = lead & 0x07;
        } else {
            return std::nullopt;
        }
        if (i + extra >= utf8.size()) return std::nullopt;  // a sequence cut off by the end
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(utf8[i + k]);
            if ((next & 0xC0) != 0x80) return std::nullopt;
            code = (code << 6) | (next & 0x3F);
        }
        i += extra + 1;
        if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return std::nullopt;
        if (code >= 0x10000) {
            code -= 0x10000;
            append_unit(out, 0xD800 + (code >> 10));
            append_unit(out, 0xDC00 + (code & 0x3FF));
        } else {
            append_unit(out, code);
        }
    }
    return out;
}

}  // namespace hk::drivers::ga467
