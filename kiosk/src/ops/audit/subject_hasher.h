// The audit log's stand-in for a citizen: an opaque, per-kiosk hash of their ID number, so records about the
// same person can be matched on this kiosk without the log ever holding the number. HMAC-SHA256 with a
// 32-byte secret kept in key_file (created mode 0600 on first use): a plain SHA-256 of an 18-digit ID could
// be reversed by trying every number; without the key the HMAC cannot.
#pragma once

#include <array>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace hk::ops {

class SubjectHasher {
  public:
    // Reads the key, or creates it when the file is missing. Refuses a key file that others may read.
    static std::expected<SubjectHasher, std::string> open(const std::filesystem::path& key_file);

    SubjectHasher(SubjectHasher&& other) noexcept;
    SubjectHasher& operator=(SubjectHasher&& other) noexcept;
    SubjectHasher(const SubjectHasher&) = delete;
    SubjectHasher& operator=(const SubjectHasher&) = delete;
    ~SubjectHasher();  // wipes the key

    // 64 lowercase hex digits. ASCII letters are upper-cased first, so "...123x" and "...123X" (the check
    // character of a resident ID) are the same person.
    [[nodiscard]] std::string hash(std::string_view citizen_id) const;

  private:
    SubjectHasher() = default;
    std::array<unsigned char, 32> key_{};
};

}  // namespace hk::ops
