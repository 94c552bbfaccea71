#include "drivers/icao9303/access_error.h"

#include <utility>

#include "exchange.h"

namespace hk::drivers::icao9303 {

std::string_view to_string(AccessError::Kind kind) {
    switch (kind) {
        case AccessError::Refused:
            return "refused";
        case AccessError::Unsupported:
            return "unsupported";
        case AccessError::Protocol:
            return "protocol";
        case AccessError::Channel:
            return "channel";
    }
    return "unknown";
}

std::string describe(const AccessError& error) {
    std::string text{to_string(error.kind)};
    text += ": ";
    text += error.detail;
    if (error.kind == AccessError::Channel) {
        text += " (";
        text += iso7816::to_string(error.channel.kind);
        if (!error.channel.detail.empty()) text += ", " + error.channel.detail;
        text += ")";
    }
    return text;
}

namespace detail {

AccessError channel_failure(iso7816::ChannelError error, std::string_view step) {
    return AccessError{.kind = AccessError::Channel,
                       .status = 0,
                       .channel = std::move(error),
                       .detail = std::string{step} + ": channel failed"};
}

AccessError status_failure(std::uint16_t status, std::string_view step) {
    const bool refused =
        status == iso7816::sw::kAuthenticationFailed || status == iso7816::sw::kSecurityStatusNotSatisfied;
    return AccessError{.kind = refused ? AccessError::Refused : AccessError::Protocol,
                       .status = status,
                       .channel = {},
                       .detail = std::string{step} + " " + iso7816::describe_status(status)};
}

AccessError protocol_failure(std::string_view step, std::string_view what) {
    return AccessError{.kind = AccessError::Protocol,
                       .status = 0,
                       .channel = {},
                       .detail = std::string{step} + ": " + std::string{what}};
}

AccessError unsupported(std::string_view what) {
    return AccessError{
        .kind = AccessError::Unsupported, .status = 0, .channel = {}, .detail = std::string{what}};
}

std::expected<iso7816::ResponseApdu, AccessError> exchange(iso7816::CardChannel& channel,
                                                           const iso7816::CommandApdu& command,
                                                           std::string_view step) {
    auto response = channel.transmit(command);
    if (!response) return std::unexpected(channel_failure(std::move(response.error()), step));
    if (!response->ok()) return std::unexpected(status_failure(response->sw, step));
    return std::move(*response);
}

}  // namespace detail
}  // namespace hk::drivers::icao9303
