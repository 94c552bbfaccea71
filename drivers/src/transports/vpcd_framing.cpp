#include "drivers/transports/vpcd_framing.h"

namespace hk::drivers::transports::vpcd {

std::optional<Bytes> encode_message(ByteView payload) {
    if (payload.size() > 0xFFFF) return std::nullopt;
    Bytes out{static_cast<std::uint8_t>(payload.size() >> 8),
              static_cast<std::uint8_t>(payload.size() & 0xFF)};
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

void MessageReader::feed(ByteView bytes) {
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

std::optional<Message> MessageReader::next() {
    for (;;) {
        if (buffer_.size() < 2) return std::nullopt;
        const std::size_t length = (std::size_t{buffer_[0]} << 8) | buffer_[1];
        if (buffer_.size() < 2 + length) return std::nullopt;
        Bytes payload(buffer_.begin() + 2, buffer_.begin() + static_cast<std::ptrdiff_t>(2 + length));
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(2 + length));
        if (payload.empty()) continue;
        if (payload.size() == 1) return ControlMessage{payload[0]};
        return ApduMessage{std::move(payload)};
    }
}

}  // namespace hk::drivers::transports::vpcd
