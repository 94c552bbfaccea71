// Encryption of the personal data the journal must keep until a transaction is done (AES-256-GCM, OpenSSL).
// The key lives in its own file (mode 0600) outside the database, so a copied database reveals nothing.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace hk::kiosk {

class SealedBox {
  public:
    // Reads the 32-byte key, or creates it (random, mode 0600) when the file does not exist.
    static std::expected<SealedBox, std::string> open(const std::filesystem::path& key_file);
    SealedBox(const SealedBox&) = delete;
    SealedBox& operator=(const SealedBox&) = delete;
    SealedBox(SealedBox&& other) noexcept;
    SealedBox& operator=(SealedBox&& other) noexcept;
    ~SealedBox();

    // nonce (12) || ciphertext || tag (16). `context` is bound in as associated data: a sealed value moved to
    // another transaction's row does not open.
    [[nodiscard]] std::vector<std::uint8_t> seal(std::string_view plain, std::string_view context) const;
    [[nodiscard]] std::expected<std::string, std::string> open_sealed(const std::vector<std::uint8_t>& sealed,
                                                                      std::string_view context) const;

  private:
    SealedBox() = default;
    std::vector<std::uint8_t> key_;
};

}  // namespace hk::kiosk
