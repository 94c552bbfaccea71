// Reads whole elementary files from an ICAO chip over any CardChannel (plain, or secure messaging around it),
// learning the largest READ BINARY the chip accepts so that a 20 KB face image costs as few APDUs as
// possible.
//
// What chips do when asked too much, and what this reader does about it:
//   - 6Cxx: "ask for xx bytes": taken as the new limit.
//   - 6700 / 6883 with no hint (extended length refused, or too long for the chip's buffer): the next lower
//     step of kReadSizeLadder, remembered for the rest of the card.
//   - 6282 "end of file before Ne bytes": the data that came is the end of the file.
//   - 6B00 on a first read longer than the file: from then on the reader reads each file's header (4 bytes)
//     first, for this chip.
// The file's length is known from its first bytes (one BER-TLV object), so the last read asks exactly for
// what is left and the chip never has to answer past the end.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>

#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::icao9303 {

using iso7816::Bytes;

// 223 is the largest plain read whose secure-messaging answer (padding, DO87, DO99, DO8E) still fits a short
// APDU with either cipher; it is where a chip that refuses extended length ends up.
inline constexpr std::size_t kShortSecureRead = 223;
// A plain answer grows by at most this much under secure messaging (DO87 header and padding, DO99, DO8E).
// EF.ATR/INFO advertises the largest answer on the wire; the largest plain read is that much less.
inline constexpr std::size_t kSecureMessagingOverhead = 40;
inline constexpr std::array<std::size_t, 12> kReadSizeLadder{
    65536, 32768, 16384, 8192, 4096, 2048, 1024, 512, kShortSecureRead, 128, 64, 32};

struct FileReadError {
    enum class Kind : std::uint8_t {
        NotFound,      // 6A82: the chip has no such file (optional data groups)
        AccessDenied,  // 6982: the file needs an access right the session lacks (e.g. DG3/DG4)
        Channel,       // the channel failed: card removed, reader gone, secure messaging broken
        Malformed,     // the file's own length header is broken or the file is larger than any LDS file
        Refused,       // any other status word
    };
    Kind kind = Kind::Refused;
    std::uint16_t status = 0;
    iso7816::ChannelError channel;
    std::string detail;  // for technicians: status words and sizes, never file contents
};

class FileReader {
  public:
    // `start_read` is the first size tried (the reader then only goes down); extended length is only used
    // when the channel supports it.
    explicit FileReader(iso7816::CardChannel& channel, std::size_t start_read = kReadSizeLadder.front());

    // SELECT EF by file identifier under the current DF (00 A4 02 0C), then READ BINARY until the TLV is
    // whole.
    std::expected<Bytes, FileReadError> read_file(std::uint16_t file_id);

    // The largest read that has worked so far (or the current guess).
    [[nodiscard]] std::size_t read_size() const { return read_size_; }
    // Reads refused for their length and retried smaller: the cost of learning the limit.
    [[nodiscard]] int length_fallbacks() const { return length_fallbacks_; }

    // Largest file accepted: DG2/DG3 of real documents stay well under this.
    static constexpr std::size_t kMaxFileSize = 1 << 20;

  private:
    std::expected<void, FileReadError> select(std::uint16_t file_id);
    std::expected<iso7816::ResponseApdu, FileReadError> read_at(std::size_t offset, std::size_t count);
    bool step_down(std::size_t failed_size);

    // Enough for an LDS file's one-byte tag and a length of up to 65535 (82 xx xx).
    static constexpr std::size_t kHeaderRead = 4;

    iso7816::CardChannel& channel_;
    std::size_t read_size_;
    bool refuses_past_end_ = false;
    int length_fallbacks_ = 0;
};

}  // namespace hk::drivers::icao9303
