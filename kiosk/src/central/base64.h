// Standard base64 (RFC 4648, with padding) for attachments, written straight into the request body so a
// scanned page is never held twice in encoded form.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace hk::kiosk::central {

// Length of the base64 text for `size` bytes.
[[nodiscard]] std::size_t base64_length(std::size_t size);

// Appends the base64 text of `bytes` to `out`.
void append_base64(std::string& out, std::span<const std::uint8_t> bytes);

}  // namespace hk::kiosk::central
