// SHA-256 through OpenSSL (request fingerprints for idempotency; proof verification codes).
#pragma once

#include <string>
#include <string_view>

namespace hk::central {

// The 32 raw digest bytes. Throws std::runtime_error only if OpenSSL itself fails.
std::string sha256(std::string_view bytes);

}  // namespace hk::central
