// Splits an ESC/POS byte stream into commands, just far enough to answer status questions honestly: data of
// length-prefixed commands (rasters, QR data, barcodes) is skipped, so bytes inside a picture that happen to
// read DLE EOT are not taken for a question.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace hk::printer::escpos::sink {

enum class CommandKind : std::uint8_t {
    Print,          // text, or a command that prints or sets something up: uses paper, eventually
    StatusRequest,  // DLE EOT n: answered at once, even while the printer is stopped
    PaperStatus,    // GS r n: answered when the printer gets there
    AutoStatus,     // GS a n: automatic status back on (n != 0) or off
};

struct Command {
    std::size_t length = 0;
    CommandKind kind = CommandKind::Print;
    std::uint8_t argument = 0;  // n of DLE EOT n, GS r n, GS a n
};

// The first command of `bytes`, or nullopt when `bytes` ends in the middle of it.
std::optional<Command> next_command(std::span<const std::uint8_t> bytes);

}  // namespace hk::printer::escpos::sink
