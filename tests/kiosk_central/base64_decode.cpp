#include "base64_decode.h"

#include <openssl/evp.h>

namespace hk::kiosk::central::test {

std::optional<std::vector<std::uint8_t>> decode_base64(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::vector<std::uint8_t> bytes(text.size() / 4 * 3 + 1);
    const int decoded = EVP_DecodeBlock(bytes.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                        static_cast<int>(text.size()));
    if (decoded < 0) return std::nullopt;
    // EVP_DecodeBlock counts the zero bytes the padding stands for; drop them.
    std::size_t size = static_cast<std::size_t>(decoded);
    if (text.ends_with("==")) {
        size -= 2;
    } else if (text.ends_with("=")) {
        size -= 1;
    }
    bytes.resize(size);
    return bytes;
}

}  // namespace hk::kiosk::central::test
