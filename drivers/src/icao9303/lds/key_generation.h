// Fresh key pairs with OpenSSL 3 (test factory, cloned-chip simulation). Null on failure.
#pragma once

#include <cstddef>

#include "drivers/icao9303/key_handles.h"

namespace hk::drivers::icao9303::keygen {

EvpPkeyPtr ec(const char* group);  // "P-256", "brainpoolP256r1" ...
EvpPkeyPtr rsa(std::size_t bits);
EvpPkeyPtr dhx(const char* group);  // X9.42 DH on a named group: "dh_2048_224" (RFC 5114 §2.2)
// A new key of the same algorithm and size / group as `key`.
EvpPkeyPtr like(const EVP_PKEY* key);

}  // namespace hk::drivers::icao9303::keygen
