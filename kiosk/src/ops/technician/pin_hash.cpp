#include "pin_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <vector>

#include "drivers/iso7816/bytes.h"

namespace hk::ops {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kMinSaltBytes = 8;
constexpr std::size_t kMaxSaltBytes = 64;
constexpr std::size_t kHashBytes = 32;
constexpr int kMaxIterations = 10'000'000;

using Hash = std::array<unsigned char, kHashBytes>;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::vector<unsigned char>> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    std::vector<unsigned char> bytes;
    bytes.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = hex_value(hex[i]);
        const int low = hex_value(hex[i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        bytes.push_back(static_cast<unsigned char>(high * 16 + low));
    }
    return bytes;
}

bool derive(std::string_view pin, const unsigned char* salt, std::size_t salt_size, int iterations,
            Hash& out) {
    return PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt, static_cast<int>(salt_size),
                             iterations, EVP_sha256(), static_cast<int>(out.size()), out.data()) == 1;
}

struct ParsedHash {
    int iterations = 0;
    std::vector<unsigned char> salt;
    std::vector<unsigned char> hash;
};

// Splits "scheme$iterations$salt$hash" and checks every part; nothing for anything else.
std::optional<ParsedHash> parse(std::string_view text) {
    std::array<std::string_view, 4> parts;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::size_t dollar = text.find('$');
        const bool last = i + 1 == parts.size();
        if (last != (dollar == std::string_view::npos)) return std::nullopt;
        parts[i] = text.substr(0, dollar);
        if (!last) text.remove_prefix(dollar + 1);
    }
    if (parts[0] != kScheme) return std::nullopt;

    ParsedHash parsed;
    const auto [end, error] =
        std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), parsed.iterations);
    if (error != std::errc{} || end != parts[1].data() + parts[1].size()) return std::nullopt;
    if (parsed.iterations < 1 || parsed.iterations > kMaxIterations) return std::nullopt;

    auto salt = from_hex(parts[2]);
    auto hash = from_hex(parts[3]);
    if (!salt || !hash) return std::nullopt;
    if (salt->size() < kMinSaltBytes || salt->size() > kMaxSaltBytes || hash->size() != kHashBytes)
        return std::nullopt;
    parsed.salt = std::move(*salt);
    parsed.hash = std::move(*hash);
    return parsed;
}

}  // namespace

std::string hash_pin(std::string_view pin, int iterations) {
    iterations = std::clamp(iterations, 1, kMaxIterations);
    std::array<unsigned char, kSaltBytes> salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) return {};
    Hash hash{};
    if (!derive(pin, salt.data(), salt.size(), iterations, hash)) return {};
    std::string text = std::string(kScheme) + "$" + std::to_string(iterations) + "$" +
                       drivers::iso7816::to_lower_hex(salt) + "$" + drivers::iso7816::to_lower_hex(hash);
    OPENSSL_cleanse(hash.data(), hash.size());
    return text;
}

bool pin_matches(std::string_view pin, std::string_view pin_hash) {
    const auto parsed = parse(pin_hash);
    if (!parsed) return false;
    Hash derived{};
    if (!derive(pin, parsed->salt.data(), parsed->salt.size(), parsed->iterations, derived)) return false;
    const bool same = CRYPTO_memcmp(derived.data(), parsed->hash.data(), derived.size()) == 0;
    OPENSSL_cleanse(derived.data(), derived.size());
    return same;
}

}  // namespace hk::ops
