// A string holding personal data (a name, an ID number, an address). Its buffer is overwritten with zeros when the
// value is destroyed, moved from or reassigned, so a citizen's data does not linger in freed memory after the
// session ends. It deliberately has no implicit conversion to std::string: copying personal data out should be a
// visible decision (`reveal()`), and logging code cannot pick it up by accident.
#pragma once

#include <string>
#include <string_view>

namespace hk::drivers {

class PersonalString {
public:
    PersonalString() = default;
    explicit PersonalString(std::string_view text) : value_(text) {}
    PersonalString(const PersonalString& other) = default;
    PersonalString(PersonalString&& other) noexcept;
    PersonalString& operator=(const PersonalString& other);
    PersonalString& operator=(PersonalString&& other) noexcept;
    ~PersonalString();

    [[nodiscard]] std::string_view reveal() const { return value_; }
    [[nodiscard]] bool empty() const { return value_.empty(); }
    [[nodiscard]] std::size_t size() const { return value_.size(); }

    // Overwrites the whole buffer (including spare capacity) with zeros and leaves the string empty.
    void wipe() noexcept;

    friend bool operator==(const PersonalString& a, const PersonalString& b) { return a.value_ == b.value_; }

private:
    std::string value_;
};

// Overwrites a byte buffer with zeros in a way the optimiser cannot remove.
void wipe_bytes(void* data, std::size_t size) noexcept;

}  // namespace hk::drivers
