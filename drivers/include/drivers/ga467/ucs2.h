// The card's text is UCS-2 little-endian (read as UTF-16LE, so a surrogate pair would also decode); the kiosk
// works in UTF-8. Done by hand: two small loops, no iconv descriptor to open, close and lock per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hk::drivers::ga467 {

// UTF-16LE code units to UTF-8. Stops at the first NUL unit and drops trailing spaces (cards pad fields with
// either). nullopt for an odd byte count or a lone surrogate.
std::optional<std::string> card_text_to_utf8(std::span<const std::uint8_t> utf16le);

// UTF-8 to UTF-16LE code units, for writing a card in the simulator. nullopt for invalid UTF-8.
std::optional<std::vector<std::uint8_t>> utf8_to_card_text(std::string_view utf8);

}  // namespace hk::drivers::ga467
