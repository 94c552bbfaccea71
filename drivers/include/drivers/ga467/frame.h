// GA 467 reader frames: `AA AA AA 96 69 | LEN (2 bytes, big-endian) | body | CHK`. LEN counts the body and
// CHK; CHK is the XOR of the LEN bytes and the body. A request body is `CMD Para [data]`, an answer body is
// `SW1 SW2 SW3 [data]`. The parser takes bytes as a serial line delivers them (in pieces, sometimes with
// noise in between) and never holds more than one frame's worth of them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <expected>
#include <optional>
#include <span>
#include <vector>

namespace hk::drivers::ga467 {

inline constexpr std::array<std::uint8_t, 5> kPreamble{0xAA, 0xAA, 0xAA, 0x96, 0x69};
inline constexpr std::size_t kLengthFieldSize = 2;
inline constexpr std::size_t kHeaderSize = kPreamble.size() + kLengthFieldSize;
// The largest answer a reader sends is text + photo + fingerprints (3 + 6 + 256 + 1024 + 1024 + 1 bytes);
// 4096 plus room for a header is far above it, and anything longer is noise read as a length.
inline constexpr std::size_t kMaxLength = 4096 + 64;

struct Request {
    std::uint8_t command = 0;
    std::uint8_t parameter = 0;
    std::vector<std::uint8_t> data;
};

struct Answer {
    std::uint8_t sw1 = 0;
    std::uint8_t sw2 = 0;
    std::uint8_t sw3 = 0;
    std::vector<std::uint8_t> data;
};

enum class FrameKind : std::uint8_t { Request, Answer };

enum class FrameError : std::uint8_t {
    BadChecksum,  // the XOR does not match: bytes were lost or changed on the line
    BadLength,    // LEN is below the smallest body or above kMaxLength: noise, not a frame
    TooShort,     // a body too short for its kind (only from decode_request / decode_answer)
};
const char* describe(FrameError error);

// XOR of `bytes`: what CHK holds when given LEN and the body.
std::uint8_t xor_checksum(std::span<const std::uint8_t> bytes);

// Whole frames, preamble to CHK. A body longer than kMaxLength - 1 cannot be framed: the result is empty.
std::vector<std::uint8_t> encode_frame(std::span<const std::uint8_t> body);
std::vector<std::uint8_t> encode_request(const Request& request);
std::vector<std::uint8_t> encode_answer(const Answer& answer);

// A body (what lies between LEN and CHK) read as a request or an answer.
std::expected<Request, FrameError> decode_request(std::span<const std::uint8_t> body);
std::expected<Answer, FrameError> decode_answer(std::span<const std::uint8_t> body);

// The smallest LEN a frame of this kind can have: the fixed body bytes and CHK.
std::size_t minimum_length(FrameKind kind);

class FrameParser {
  public:
    using Result = std::expected<std::vector<std::uint8_t>, FrameError>;  // a frame's body, or why not

    explicit FrameParser(FrameKind kind);
    ~FrameParser();
    FrameParser(const FrameParser&) = delete;
    FrameParser& operator=(const FrameParser&) = delete;

    // Takes any number of bytes. Complete frames (and rejected ones) queue up for next().
    void feed(std::span<const std::uint8_t> bytes);
    // The oldest parsed frame or error, or nothing while no frame is complete.
    std::optional<Result> next();

    // Forgets everything buffered or queued (wiping it: answers carry card data).
    void reset();

    // Bytes thrown away while looking for a preamble, since construction (for diagnostics).
    [[nodiscard]] std::size_t skipped_bytes() const { return skipped_; }
    // Bytes held of a frame not yet complete.
    [[nodiscard]] std::size_t pending_bytes() const { return size_; }

  private:
    void parse_buffered();
    void drop_front(std::size_t count);

    // Room for one whole frame and one more piece of input, fixed so the buffer never reallocates (which
    // would leave card data behind in freed memory).
    static constexpr std::size_t kCapacity = 2 * (kHeaderSize + kMaxLength);
    std::size_t minimum_length_;
    std::array<std::uint8_t, kCapacity> buffer_{};
    std::size_t size_ = 0;
    std::size_t skipped_ = 0;
    std::deque<Result> results_;
};

}  // namespace hk::drivers::ga467
