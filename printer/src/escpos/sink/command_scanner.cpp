#include "command_scanner.h"

namespace hk::printer::escpos::sink {

namespace {

constexpr std::uint8_t kDle = 0x10;
constexpr std::uint8_t kEsc = 0x1B;
constexpr std::uint8_t kFs = 0x1C;
constexpr std::uint8_t kGs = 0x1D;

std::size_t u16(std::span<const std::uint8_t> bytes, std::size_t at) {
    return static_cast<std::size_t>(bytes[at]) | (static_cast<std::size_t>(bytes[at + 1]) << 8);
}

// `length` bytes make the command, when there are that many.
std::optional<Command> whole(std::span<const std::uint8_t> bytes, std::size_t length,
                             CommandKind kind = CommandKind::Print) {
    if (bytes.size() < length) return std::nullopt;
    return Command{length, kind, length >= 3 ? bytes[2] : std::uint8_t{0}};
}

std::optional<Command> esc(std::span<const std::uint8_t> bytes) {
    switch (bytes[1]) {
        case '@':
            return whole(bytes, 2);
        case '*': {  // ESC * m nL nH: bit image, one or three bytes per column
            if (bytes.size() < 5) return std::nullopt;
            const std::size_t columns = u16(bytes, 3);
            return whole(bytes, 5 + columns * (bytes[2] >= 32 ? 3 : 1));
        }
        default:  // ESC E n, ESC a n, ESC d n, ESC ! n, ESC - n, ESC 3 n ...: one parameter
            return whole(bytes, 3);
    }
}

std::optional<Command> gs(std::span<const std::uint8_t> bytes) {
    switch (bytes[1]) {
        case 'v': {  // GS v 0 m xL xH yL yH data
            if (bytes.size() < 8) return std::nullopt;
            return whole(bytes, 8 + u16(bytes, 4) * u16(bytes, 6));
        }
        case '(': {  // GS ( k pL pH ...
            if (bytes.size() < 5) return std::nullopt;
            return whole(bytes, 5 + u16(bytes, 3));
        }
        case 'k': {  // GS k m: m < 65 NUL-terminated data, else a length byte
            if (bytes.size() < 3) return std::nullopt;
            if (bytes[2] >= 65) {
                if (bytes.size() < 4) return std::nullopt;
                return whole(bytes, 4 + bytes[3]);
            }
            for (std::size_t i = 3; i < bytes.size(); ++i) {
                if (bytes[i] == 0) return Command{i + 1, CommandKind::Print, 0};
            }
            return std::nullopt;
        }
        case 'V':  // GS V m [n]: functions B (65, 66) take a feed amount
            if (bytes.size() < 3) return std::nullopt;
            return whole(bytes, bytes[2] >= 65 ? 4 : 3);
        case 'r':
            return whole(bytes, 3, CommandKind::PaperStatus);
        case 'a':
            return whole(bytes, 3, CommandKind::AutoStatus);
        default:  // GS ! n, GS H n, GS h n, GS w n ...
            return whole(bytes, 3);
    }
}

}  // namespace

std::optional<Command> next_command(std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) return std::nullopt;
    const std::uint8_t first = bytes[0];
    if (first != kDle && first != kEsc && first != kFs && first != kGs)
        return Command{1, CommandKind::Print, 0};
    if (bytes.size() < 2) return std::nullopt;
    switch (first) {
        case kDle:
            if (bytes[1] == 0x04) return whole(bytes, 3, CommandKind::StatusRequest);
            return whole(bytes, 3);  // DLE ENQ n, DLE DC4 ...: real-time, nothing to answer here
        case kFs:
            return whole(bytes, bytes[1] == '&' || bytes[1] == '.' ? 2 : 3);
        case kEsc:
            return esc(bytes);
        default:
            return gs(bytes);
    }
}

}  // namespace hk::printer::escpos::sink
