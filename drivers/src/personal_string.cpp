#include "drivers/personal_string.h"

#include <cstring>
#include <utility>

namespace hk::drivers {

void wipe_bytes(void* data, std::size_t size) noexcept {
    if (data != nullptr && size != 0) explicit_bzero(data, size);
}

PersonalString::PersonalString(PersonalString&& other) noexcept : value_(std::move(other.value_)) {
    other.wipe();
}

PersonalString& PersonalString::operator=(const PersonalString& other) {
    if (this != &other) {
        wipe();
        value_ = other.value_;
    }
    return *this;
}

PersonalString& PersonalString::operator=(PersonalString&& other) noexcept {
    if (this != &other) {
        wipe();
        value_ = std::move(other.value_);
        other.wipe();
    }
    return *this;
}

PersonalString::~PersonalString() { wipe(); }

void PersonalString::wipe() noexcept {
    // capacity() + 1 covers the terminating NUL and any short-string buffer in place.
    wipe_bytes(value_.data(), value_.capacity() + 1);
    value_.clear();
}

}  // namespace hk::drivers
