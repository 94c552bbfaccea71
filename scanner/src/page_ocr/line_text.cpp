#include "line_text.h"

#include "drivers/utf8.h"

namespace hk::scanner {

namespace {

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0U) == 0x80U;
}

char32_t first_code_point(std::string_view text) {
    return text.empty() ? 0 : drivers::decode_utf8(text, 0).value;
}

char32_t last_code_point(std::string_view text) {
    if (text.empty()) return 0;
    std::size_t start = text.size() - 1;
    while (start > 0 && is_continuation(static_cast<unsigned char>(text[start]))) --start;
    return drivers::decode_utf8(text, start).value;
}

}  // namespace

bool is_cjk(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF)        // radicals, CJK punctuation, kana, unified ideographs
           || (c >= 0xF900 && c <= 0xFAFF)     // compatibility ideographs
           || (c >= 0xFF00 && c <= 0xFFEF)     // full-width forms
           || (c >= 0x20000 && c <= 0x3FFFF);  // extensions B and later
}

void append_word(std::string& line, std::string_view word) {
    if (word.empty()) return;
    if (!line.empty() && !(is_cjk(last_code_point(line)) && is_cjk(first_code_point(word))))
        line.push_back(' ');
    line.append(word);
}

}  // namespace hk::scanner
