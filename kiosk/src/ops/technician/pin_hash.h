// Technician PINs at rest: "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>" (PBKDF2-HMAC-SHA256, a random
// 16-byte salt, a 32-byte hash), the form the kiosk's configuration holds instead of the PIN itself.
#pragma once

#include <string>
#include <string_view>

namespace hk::ops {

// A new random salt each time. Iterations are kept within 1..10,000,000; the kiosk's configuration uses the
// default. Empty only when the system has no randomness to give (which no PIN then matches).
std::string hash_pin(std::string_view pin, int iterations = 200000);

// True when `pin` gives `pin_hash`; compared in constant time. False, never a crash, for a malformed hash:
// another scheme, iterations outside 1..10,000,000 (a configured hash cannot stall the kiosk), a salt of
// 8 to 64 bytes, a hash that is not 32 bytes, anything that is not lowercase or uppercase hex.
bool pin_matches(std::string_view pin, std::string_view pin_hash);

}  // namespace hk::ops
