#include "digest.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace hk::central {

std::string sha256(std::string_view bytes) {
    std::string digest(32, '\0');
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), reinterpret_cast<unsigned char*>(digest.data()), &length,
                   EVP_sha256(), nullptr) != 1 ||
        length != digest.size()) {
        throw std::runtime_error("SHA-256 failed");
    }
    return digest;
}

}  // namespace hk::central
