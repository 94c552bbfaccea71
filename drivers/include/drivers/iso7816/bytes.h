// Byte strings as the card protocols use them, and hex for tests, vectors and technicians' dumps.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hk::drivers::iso7816 {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// "0CA4020C" or "0C A4 02 0C" (spaces ignored, either case) -> bytes; nullopt on an odd count or a non-hex
// digit.
std::optional<Bytes> from_hex(std::string_view hex);
// Upper-case hex without spaces.
std::string to_hex(ByteView bytes);
// Lower-case hex without spaces: digests and salts as the audit log and PIN hashes store them.
std::string to_lower_hex(ByteView bytes);

Bytes concat(ByteView a, ByteView b);

// Overwrites key material and personal data before the memory is given back.
void wipe(Bytes& bytes) noexcept;

}  // namespace hk::drivers::iso7816
