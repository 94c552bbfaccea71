// Reading an EF of the IsoTestCard over any CardChannel, as the chip reader would: SELECT, then READ BINARY
// in chunks of `ne` until the card says the file ended.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>

#include "drivers/iso7816/apdu.h"
#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::transports::testing {

inline iso7816::CommandApdu select_file(std::uint16_t fid) {
    return {
        0x00,        0xA4, 0x02, 0x0C, {static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid)},
        std::nullopt};
}

inline iso7816::CommandApdu read_binary(std::size_t offset, std::size_t ne) {
    return {0x00, 0xB0, static_cast<std::uint8_t>(offset >> 8), static_cast<std::uint8_t>(offset), {}, ne};
}

// The whole file, or the first channel error; a status other than 9000/6282 is a Transport error with the
// status word in the detail.
inline std::expected<iso7816::Bytes, iso7816::ChannelError> read_whole_file(iso7816::CardChannel& channel,
                                                                            std::uint16_t fid,
                                                                            std::size_t ne) {
    auto selected = channel.transmit(select_file(fid));
    if (!selected) return std::unexpected(selected.error());
    if (!selected->ok())
        return std::unexpected(iso7816::ChannelError{iso7816::ChannelErrorKind::Transport,
                                                     "SELECT: " + iso7816::describe_status(selected->sw)});
    iso7816::Bytes contents;
    for (;;) {
        auto chunk = channel.transmit(read_binary(contents.size(), ne));
        if (!chunk) return std::unexpected(chunk.error());
        if (chunk->sw == iso7816::sw::kWrongP1P2) return contents;  // offset at the end of the file
        if (!chunk->ok() && chunk->sw != iso7816::sw::kEndOfFileBeforeNe)
            return std::unexpected(iso7816::ChannelError{
                iso7816::ChannelErrorKind::Transport, "READ BINARY: " + iso7816::describe_status(chunk->sw)});
        contents.insert(contents.end(), chunk->data.begin(), chunk->data.end());
        if (chunk->sw == iso7816::sw::kEndOfFileBeforeNe || chunk->data.empty()) return contents;
    }
}

}  // namespace hk::drivers::transports::testing
