#include "text_encoding.h"

#include <iconv.h>

#include <cstdint>
#include <memory>
#include <string>

namespace hk::printer::escpos {

namespace {

struct IconvClose {
    void operator()(void* cd) const noexcept { iconv_close(static_cast<iconv_t>(cd)); }
};

std::string without_controls(std::string_view utf8) {
    std::string text(utf8);
    for (char& c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) c = ' ';
    }
    return text;
}

// Four-byte GB18030 sequences are the only ones whose second byte is a digit (0x30..0x39).
bool has_four_byte_sequence(const std::vector<std::uint8_t>& bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        if (bytes[i] < 0x80) {
            ++i;
        } else if (i + 1 < bytes.size() && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) {
            return true;
        } else {
            i += 2;
        }
    }
    return false;
}

}  // namespace

std::optional<PrinterText> to_gb18030(std::string_view utf8) {
    std::string input = without_controls(utf8);
    PrinterText text;
    for (const char c : input) text.ascii_only = text.ascii_only && static_cast<unsigned char>(c) < 0x80;
    if (text.ascii_only) {
        text.bytes.assign(input.begin(), input.end());
        return text;
    }

    const iconv_t raw = iconv_open("GB18030", "UTF-8");
    if (raw == reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)))
        return std::nullopt;  // iconv's error value
    const std::unique_ptr<void, IconvClose> cd(raw);
    // GB18030 takes at most four bytes for a character UTF-8 writes in at least one.
    std::string output(input.size() * 4, '\0');
    char* in = input.data();
    std::size_t in_left = input.size();
    char* out = output.data();
    std::size_t out_left = output.size();
    if (iconv(raw, &in, &in_left, &out, &out_left) == static_cast<std::size_t>(-1)) return std::nullopt;
    output.resize(output.size() - out_left);
    text.bytes.assign(output.begin(), output.end());
    text.needs_four_byte = has_four_byte_sequence(text.bytes);
    return text;
}

}  // namespace hk::printer::escpos
