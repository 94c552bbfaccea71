#include "drivers/ga467/frame.h"

#include <algorithm>
#include <cstring>

#include "drivers/personal_string.h"

namespace hk::drivers::ga467 {

namespace {

constexpr std::size_t kRequestFixed = 2;  // CMD Para
constexpr std::size_t kAnswerFixed = 3;   // SW1 SW2 SW3

std::size_t read_length(const std::uint8_t* at) {
    return (static_cast<std::size_t>(at[0]) << 8) | at[1];
}

// Where the preamble starts in [data, data + size), or where a preamble cut off by the end of the data may
// start (so its first bytes are kept for the next piece), or `size` when neither.
std::size_t preamble_candidate(const std::uint8_t* data, std::size_t size) {
    for (std::size_t at = 0; at < size; ++at) {
        const std::size_t available = std::min(kPreamble.size(), size - at);
        if (std::equal(data + at, data + at + available, kPreamble.begin())) return at;
    }
    return size;
}

}  // namespace

const char* describe(FrameError error) {
    switch (error) {
        case FrameError::BadChecksum:
            return "frame checksum wrong";
        case FrameError::BadLength:
            return "frame length impossible";
        case FrameError::TooShort:
            return "frame body too short";
    }
    return "frame error";
}

std::uint8_t xor_checksum(std::span<const std::uint8_t> bytes) {
    std::uint8_t sum = 0;
    for (const std::uint8_t b : bytes) sum = static_cast<std::uint8_t>(sum ^ b);
    return sum;
}

std::vector<std::uint8_t> encode_frame(std::span<const std::uint8_t> body) {
    const std::size_t length = body.size() + 1;  // body and CHK
    if (length > kMaxLength) return {};
    std::vector<std::uint8_t> frame(kPreamble.begin(), kPreamble.end());
    frame.reserve(kHeaderSize + length);
    frame.push_back(static_cast<std::uint8_t>(length >> 8));
    frame.push_back(static_cast<std::uint8_t>(length & 0xFF));
    frame.insert(frame.end(), body.begin(), body.end());
    frame.push_back(xor_checksum(std::span(frame).subspan(kPreamble.size())));
    return frame;
}

std::vector<std::uint8_t> encode_request(const Request& request) {
    std::vector<std::uint8_t> body{request.command, request.parameter};
    body.insert(body.end(), request.data.begin(), request.data.end());
    return encode_frame(body);
}

std::vector<std::uint8_t> encode_answer(const Answer& answer) {
    std::vector<std::uint8_t> body{answer.sw1, answer.sw2, answer.sw3};
    body.insert(body.end(), answer.data.begin(), answer.data.end());
    std::vector<std::uint8_t> frame = encode_frame(body);
    wipe_bytes(body.data(), body.size());  // an answer may carry card data
    return frame;
}

std::expected<Request, FrameError> decode_request(std::span<const std::uint8_t> body) {
    if (body.size() < kRequestFixed) return std::unexpected(FrameError::TooShort);
    Request request;
    request.command = body[0];
    request.parameter = body[1];
    request.data.assign(body.begin() + kRequestFixed, body.end());
    return request;
}

std::expected<Answer, FrameError> decode_answer(std::span<const std::uint8_t> body) {
    if (body.size() < kAnswerFixed) return std::unexpected(FrameError::TooShort);
    Answer answer;
    answer.sw1 = body[0];
    answer.sw2 = body[1];
    answer.sw3 = body[2];
    answer.data.assign(body.begin() + kAnswerFixed, body.end());
    return answer;
}

std::size_t minimum_length(FrameKind kind) {
    return (kind == FrameKind::Request ? kRequestFixed : kAnswerFixed) + 1;
}

FrameParser::FrameParser(FrameKind kind) : minimum_length_(minimum_length(kind)) {}

FrameParser::~FrameParser() {
    reset();
}

void FrameParser::reset() {
    wipe_bytes(buffer_.data(), buffer_.size());
    size_ = 0;
    for (Result& result : results_) {
        if (result) wipe_bytes(result->data(), result->size());
    }
    results_.clear();
}

void FrameParser::feed(std::span<const std::uint8_t> bytes) {
    // In pieces that fit beside one partial frame: after parse_buffered() at most one frame's worth remains.
    constexpr std::size_t kPiece = kCapacity - (kHeaderSize + kMaxLength);
    while (!bytes.empty()) {
        const std::size_t take = std::min({bytes.size(), kPiece, kCapacity - size_});
        std::memcpy(buffer_.data() + size_, bytes.data(), take);
        size_ += take;
        bytes = bytes.subspan(take);
        parse_buffered();
    }
}

std::optional<FrameParser::Result> FrameParser::next() {
    if (results_.empty()) return std::nullopt;
    Result result = std::move(results_.front());
    results_.pop_front();
    return result;
}

void FrameParser::drop_front(std::size_t count) {
    std::memmove(buffer_.data(), buffer_.data() + count, size_ - count);
    wipe_bytes(buffer_.data() + (size_ - count), count);
    size_ -= count;
}

void FrameParser::parse_buffered() {
    for (;;) {
        const std::size_t start = preamble_candidate(buffer_.data(), size_);
        if (start > 0) {
            skipped_ += start;
            drop_front(start);
        }
        if (size_ < kHeaderSize) return;  // a preamble (or its beginning) and no length yet
        const std::size_t length = read_length(buffer_.data() + kPreamble.size());
        if (length < minimum_length_ || length > kMaxLength) {
            results_.emplace_back(std::unexpected(FrameError::BadLength));
            // Resynchronise past this preamble's first byte: a real frame may begin inside what we took
            // for one.
            skipped_ += 1;
            drop_front(1);
            continue;
        }
        if (size_ < kHeaderSize + length) return;  // the rest has not arrived yet
        const std::span<const std::uint8_t> checked(buffer_.data() + kPreamble.size(),
                                                    kLengthFieldSize + length - 1);
        const std::uint8_t chk = buffer_[kHeaderSize + length - 1];
        if (xor_checksum(checked) != chk) {
            results_.emplace_back(std::unexpected(FrameError::BadChecksum));
            skipped_ += 1;
            drop_front(1);
            continue;
        }
        std::vector<std::uint8_t> body(buffer_.begin() + kHeaderSize,
                                       buffer_.begin() + kHeaderSize + length - 1);
        results_.emplace_back(std::move(body));
        drop_front(kHeaderSize + length);
    }
}

}  // namespace hk::drivers::ga467
