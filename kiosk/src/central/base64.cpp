#include "base64.h"

#include <openssl/evp.h>

#include <algorithm>

namespace hk::kiosk::central {

namespace {
// EVP_EncodeBlock takes an int length: encode in slices that are a multiple of 3 bytes, so no padding appears
// in the middle of the text.
constexpr std::size_t kSlice = 3 * 16384;
}  // namespace

std::size_t base64_length(std::size_t size) {
    return (size + 2) / 3 * 4;
}

void append_base64(std::string& out, std::span<const std::uint8_t> bytes) {
    std::size_t at = out.size();
    out.resize(at + base64_length(bytes.size()) + 1);  // EVP_EncodeBlock writes a terminating NUL
    for (std::size_t done = 0; done < bytes.size(); done += kSlice) {
        const std::size_t n = std::min(kSlice, bytes.size() - done);
        const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + at),
                                            bytes.data() + done, static_cast<int>(n));
        at += static_cast<std::size_t>(written);
    }
    out.resize(at);
}

}  // namespace hk::kiosk::central
