// Standard base64 decoding for the test server, which checks the attachments the client encoded.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace hk::kiosk::central::test {

std::optional<std::vector<std::uint8_t>> decode_base64(std::string_view text);

}  // namespace hk::kiosk::central::test
