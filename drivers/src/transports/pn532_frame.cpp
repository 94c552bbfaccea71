#include "drivers/transports/pn532_frame.h"

#include <algorithm>
#include <numeric>

namespace hk::drivers::transports::pn532 {

namespace {

std::uint8_t checksum_of(ByteView bytes) {
    const unsigned sum = std::accumulate(bytes.begin(), bytes.end(), 0U);
    return static_cast<std::uint8_t>((0x100U - (sum & 0xFFU)) & 0xFFU);
}

}  // namespace

Bytes ack_frame() {
    return {0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00};
}

Bytes error_frame() {
    return {0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00};
}

std::optional<Bytes> encode_frame(ByteView payload) {
    if (payload.empty() || payload.size() > kExtendedMaxPayload) return std::nullopt;
    Bytes frame{0x00, 0x00, 0xFF};
    if (payload.size() <= kNormalMaxPayload) {
        const auto len = static_cast<std::uint8_t>(payload.size());
        frame.push_back(len);
        frame.push_back(static_cast<std::uint8_t>(0x100U - len));
    } else {
        const auto len_m = static_cast<std::uint8_t>(payload.size() >> 8);
        const auto len_l = static_cast<std::uint8_t>(payload.size() & 0xFF);
        frame.insert(frame.end(), {0xFF, 0xFF, len_m, len_l});
        frame.push_back(static_cast<std::uint8_t>((0x100U - ((len_m + len_l) & 0xFFU)) & 0xFFU));
    }
    frame.insert(frame.end(), payload.begin(), payload.end());
    frame.push_back(checksum_of(payload));
    frame.push_back(0x00);
    return frame;
}

void FrameScanner::feed(ByteView bytes) {
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

std::optional<Frame> FrameScanner::next() {
    for (;;) {
        // Find the start code 00 FF; everything before it is preamble, postamble or wake-up noise.
        std::size_t start = 0;
        while (start + 1 < buffer_.size() && !(buffer_[start] == 0x00 && buffer_[start + 1] == 0xFF)) ++start;
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start));
        if (buffer_.size() < 4) return std::nullopt;  // start code + LEN + one more byte

        const auto drop_start_code = [this] {
            buffer_.erase(buffer_.begin(), buffer_.begin() + 2);
            ++dropped_;
        };
        const std::uint8_t len = buffer_[2];
        const std::uint8_t second = buffer_[3];
        if (len == 0x00 && second == 0xFF) {
            buffer_.erase(buffer_.begin(), buffer_.begin() + 4);
            return AckFrame{};
        }
        if (len == 0xFF && second == 0x00) {
            buffer_.erase(buffer_.begin(), buffer_.begin() + 4);
            return NackFrame{};
        }

        std::size_t payload_size = 0;
        std::size_t header_size = 0;  // start code through LCS
        if (len == 0xFF && second == 0xFF) {
            if (buffer_.size() < 7) return std::nullopt;
            const std::uint8_t len_m = buffer_[4];
            const std::uint8_t len_l = buffer_[5];
            if (((len_m + len_l + buffer_[6]) & 0xFF) != 0) {
                drop_start_code();
                continue;
            }
            payload_size = (std::size_t{len_m} << 8) | len_l;
            header_size = 7;
        } else {
            if (((len + second) & 0xFF) != 0) {
                drop_start_code();
                continue;
            }
            payload_size = len;
            header_size = 4;
        }
        if (payload_size == 0 || payload_size > kExtendedMaxPayload) {
            drop_start_code();
            continue;
        }
        if (buffer_.size() < header_size + payload_size + 1) return std::nullopt;  // + DCS

        const ByteView payload(buffer_.data() + header_size, payload_size);
        const std::uint8_t dcs = buffer_[header_size + payload_size];
        if (checksum_of(payload) != dcs) {
            drop_start_code();
            continue;
        }
        Bytes data(payload.begin(), payload.end());
        buffer_.erase(buffer_.begin(),
                      buffer_.begin() + static_cast<std::ptrdiff_t>(header_size + payload_size + 1));
        if (data.size() == 1 && data[0] == 0x7F) return ErrorFrame{};
        return InformationFrame{std::move(data)};
    }
}

}  // namespace hk::drivers::transports::pn532
