// UTF-8 to the bytes a Chinese-firmware printer prints as text: GB18030 through glibc's iconv.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace hk::printer::escpos {

struct PrinterText {
    std::vector<std::uint8_t> bytes;
    bool ascii_only = true;        // no Chinese mode needed
    bool needs_four_byte = false;  // holds a four-byte GB18030 sequence (a glyph few printer fonts have)
};

// nullopt when the text is not valid UTF-8 or iconv is missing the conversion. Control characters become
// spaces first: text from the central service must never turn into printer commands.
std::optional<PrinterText> to_gb18030(std::string_view utf8);

}  // namespace hk::printer::escpos
