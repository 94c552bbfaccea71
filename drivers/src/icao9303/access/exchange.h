// One protocol step: send a command, insist on 9000, and turn everything else into an AccessError naming the
// step (never the data).
#pragma once

#include <cstdint>
#include <expected>
#include <string_view>

#include "drivers/icao9303/access_error.h"
#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::icao9303::detail {

AccessError channel_failure(iso7816::ChannelError error, std::string_view step);
// 6300 (authentication failed) and 6982 (security status not satisfied) say the password or key was wrong:
// Refused. Any other status is a Protocol error.
AccessError status_failure(std::uint16_t status, std::string_view step);
AccessError protocol_failure(std::string_view step, std::string_view what);
AccessError unsupported(std::string_view what);

std::expected<iso7816::ResponseApdu, AccessError> exchange(iso7816::CardChannel& channel,
                                                           const iso7816::CommandApdu& command,
                                                           std::string_view step);

}  // namespace hk::drivers::icao9303::detail
