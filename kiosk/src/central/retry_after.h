// The Retry-After header of a 429 answer, in the delta-seconds form the protocol uses.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace hk::kiosk::central {

// Seconds from a Retry-After value; nothing for the HTTP-date form or anything malformed.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value);

}  // namespace hk::kiosk::central
