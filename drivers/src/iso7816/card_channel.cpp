#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::iso7816 {

std::expected<ResponseApdu, ChannelError> CardChannel::transmit(const CommandApdu& command) {
    const auto encoded = command.encode();
    if (!encoded)
        return std::unexpected(ChannelError{ChannelErrorKind::Transport, "command too long to encode"});
    auto raw = transmit_raw(*encoded);
    ++counters_.apdus;
    counters_.bytes_sent += encoded->size();
    if (!raw) return std::unexpected(raw.error());
    counters_.bytes_received += raw->size();
    auto response = decode_response(*raw);
    if (!response) {
        return std::unexpected(ChannelError{ChannelErrorKind::Malformed, "response shorter than SW1 SW2"});
    }
    return std::move(*response);
}

std::string_view to_string(ChannelErrorKind kind) {
    switch (kind) {
        case ChannelErrorKind::CardRemoved:
            return "card_removed";
        case ChannelErrorKind::ReaderGone:
            return "reader_gone";
        case ChannelErrorKind::Timeout:
            return "timeout";
        case ChannelErrorKind::Transport:
            return "transport";
        case ChannelErrorKind::Malformed:
            return "malformed";
    }
    return "unknown";
}

}  // namespace hk::drivers::iso7816
