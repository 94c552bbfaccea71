// The page as field extraction reads it: each OCR line decoded to code points, narrowed (full-width forms to
// ASCII) and stripped of spaces for matching, with an estimated horizontal extent and OCR confidence per
// character, so a label can be found despite OCR spacing and a value's position and confidence follow it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/page_ocr/ocr_text.h"

namespace hk::scanner::fields::detail {

// UTF-8 to code points; malformed bytes become U+FFFD, never an error. With `offsets`, also the byte offset
// where each code point starts, plus one for the end of the text.
std::u32string decode_utf8(std::string_view text, std::vector<std::size_t>* offsets = nullptr);
std::string encode_utf8(std::u32string_view text);

bool is_cjk(char32_t c);
bool is_space(char32_t c);
// Full-width ASCII forms and the ideographic space to their ASCII equivalents.
char32_t narrow(char32_t c);

struct PageChar {
    char32_t shown = 0;   // as read, narrowed
    char32_t folded = 0;  // narrowed and lower-cased: what labels are matched against
    bool space_before = false;
    int x0 = 0;  // estimated horizontal extent in page pixels
    int x1 = 0;
    float confidence = 0.0F;  // 0..100, of the word the character belongs to
};

struct PageLine {
    std::vector<PageChar> chars;  // without spaces (spaces are recorded in space_before)
    PixelBox box;
    float confidence = 0.0F;
};

struct PreparedPage {
    int width = 1;
    int height = 1;
    std::vector<PageLine> lines;
};

// Longer lines are cut: no real document line is this long, and matching stays cheap on hostile input.
inline constexpr std::size_t kMaxLineChars = 2000;

PreparedPage prepare_page(const OcrPage& page);
// Overwrites the page's text (it is personal data) before it is freed.
void scrub(PreparedPage& page) noexcept;

// A label found in a line: characters [begin, end).
struct LabelMatch {
    std::size_t begin = 0;
    std::size_t end = 0;
    int edits = 0;  // 0 exact, 1 for one OCR error in a label of 3 or more characters
};

// The label (folded, without spaces) prepared for matching.
std::u32string fold_label(std::string_view label);

// Matches of `label` in `line` at or after `from`, left to right, not overlapping. With `fuzzy`, labels of
// three or more characters may differ by one substitution, insertion or deletion.
std::vector<LabelMatch> find_label(const PageLine& line, const std::u32string& label, bool fuzzy,
                                   std::size_t from = 0);

// The characters [begin, end) of a line as text, a space kept where the OCR had one.
std::string line_text(const PageLine& line, std::size_t begin, std::size_t end);
// Mean confidence (0..100) of characters [begin, end).
float mean_confidence(const PageLine& line, std::size_t begin, std::size_t end);

}  // namespace hk::scanner::fields::detail
