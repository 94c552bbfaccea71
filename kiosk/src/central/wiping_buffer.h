// Growing a std::string copies it and frees the old buffer without clearing it. For buffers that hold
// personal data (request bodies, answers as they arrive) these helpers move the text to a larger buffer
// themselves and overwrite the old one, so no stale copy is left in freed memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hk::kiosk::central {

// Makes room for `more` bytes after the current text, wiping the old buffer if it has to move.
void reserve_wiping(std::string& text, std::size_t more);

// Appends `more`, growing as reserve_wiping does.
void append_wiping(std::string& text, std::string_view more);

// Overwrites the text with zeros and empties it (keeps the buffer).
void wipe_string(std::string& text) noexcept;

}  // namespace hk::kiosk::central
