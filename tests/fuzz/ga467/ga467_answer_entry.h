// The fuzz entry for what a GA 467 reader (or anything posing as one on the serial line) sends the kiosk:
// the frame parser, the answer decoder, the card record and the text block. Shared by the libFuzzer target
// (clang) and a GoogleTest (every compiler).
#pragma once

#include <string>
#include <string_view>

namespace hk::drivers::ga467::fuzz {

// Returns the promise the readers broke on `bytes`, or "" when they kept all of them:
//  - the parser gives the same frames however the bytes are split, holds at most one frame, and every frame
//    it accepts has a body inside the protocol's bounds that re-encodes to a frame it accepts again;
//  - a card record's parts have the sizes the protocol fixes;
//  - a decoded text block obeys every card rule (valid ID number matching birth date and sex, real dates);
//  - decoded card text is valid UTF-8.
std::string check_ga467_answer(std::string_view bytes);

}  // namespace hk::drivers::ga467::fuzz
