// Joining Tesseract's words into a line the way the page prints it: spaces between Latin words and numbers,
// none between CJK characters (Tesseract reports each Chinese character or run as its own word).
#pragma once

#include <string>
#include <string_view>

namespace hk::scanner {

[[nodiscard]] bool is_cjk(char32_t c);

// Appends word to line, with a space unless both sides of the join are CJK.
void append_word(std::string& line, std::string_view word);

}  // namespace hk::scanner
