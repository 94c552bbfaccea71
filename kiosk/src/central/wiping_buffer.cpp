#include "wiping_buffer.h"

#include <algorithm>

#include "drivers/personal_string.h"

namespace hk::kiosk::central {

void reserve_wiping(std::string& text, std::size_t more) {
    const std::size_t needed = text.size() + more;
    if (needed <= text.capacity()) return;
    std::string bigger;
    bigger.reserve(std::max(needed, text.capacity() * 2));
    bigger.append(text);
    wipe_string(text);
    text.swap(bigger);
}

void append_wiping(std::string& text, std::string_view more) {
    reserve_wiping(text, more.size());
    text.append(more);
}

void wipe_string(std::string& text) noexcept {
    drivers::wipe_bytes(text.data(), text.size());
    text.clear();
}

}  // namespace hk::kiosk::central
