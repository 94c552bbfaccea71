#include "sane_frame_reader.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "drivers/personal_string.h"

namespace hk::scanner::sane::detail {

namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

std::unexpected<ReadFailure> fail(SANE_Status status, std::string step) {
    return std::unexpected(ReadFailure{status, std::move(step)});
}

std::unexpected<ReadFailure> unsupported(std::string what) {
    return fail(SANE_STATUS_UNSUPPORTED, std::move(what));
}

}  // namespace

std::expected<Image, ReadFailure> read_page(SANE_Handle handle) {
    if (const SANE_Status status = sane_start(handle); status != SANE_STATUS_GOOD)
        return fail(status, "sane_start");
    SANE_Parameters parameters{};
    if (const SANE_Status status = sane_get_parameters(handle, &parameters); status != SANE_STATUS_GOOD) {
        return fail(status, "sane_get_parameters");
    }
    // Three-pass scanners send R, G and B as separate frames; no kiosk scanner does, so we do not assemble
    // them.
    if (parameters.format != SANE_FRAME_GRAY && parameters.format != SANE_FRAME_RGB) {
        return unsupported("frame format " + std::to_string(parameters.format) + " (only grey or RGB)");
    }
    if (parameters.last_frame == SANE_FALSE) return unsupported("multi-frame (three-pass) scans");
    if (parameters.depth != 8)
        return unsupported(std::to_string(parameters.depth) + "-bit samples (8-bit only)");
    const int channels = parameters.format == SANE_FRAME_RGB ? 3 : 1;
    const auto row_bytes =
        static_cast<std::size_t>(parameters.pixels_per_line) * static_cast<std::size_t>(channels);
    const auto line_bytes = static_cast<std::size_t>(parameters.bytes_per_line);
    if (row_bytes == 0 || line_bytes < row_bytes) return unsupported("a line shorter than its pixels");

    std::vector<std::uint8_t> raw;
    if (parameters.lines > 0) raw.reserve(line_bytes * static_cast<std::size_t>(parameters.lines));
    std::array<SANE_Byte, kReadChunk> chunk{};
    for (;;) {
        SANE_Int length = 0;
        const SANE_Status status =
            sane_read(handle, chunk.data(), static_cast<SANE_Int>(chunk.size()), &length);
        if (status == SANE_STATUS_EOF) break;
        if (status != SANE_STATUS_GOOD) {
            drivers::wipe_bytes(raw.data(), raw.size());
            drivers::wipe_bytes(chunk.data(), chunk.size());
            return fail(status, "sane_read");
        }
        raw.insert(raw.end(), chunk.begin(), chunk.begin() + length);
    }
    drivers::wipe_bytes(chunk.data(), chunk.size());

    // Hand scanners report lines = -1 and let EOF decide; a short page keeps only its complete lines.
    std::size_t lines = raw.size() / line_bytes;
    if (parameters.lines > 0) lines = std::min(lines, static_cast<std::size_t>(parameters.lines));
    if (lines == 0) return fail(SANE_STATUS_IO_ERROR, "sane_read (page without a complete line)");

    Image image;
    image.width = parameters.pixels_per_line;
    image.height = static_cast<int>(lines);
    image.channels = channels;
    image.pixels.resize(row_bytes * lines);
    for (std::size_t line = 0; line < lines; ++line) {
        std::copy_n(raw.begin() + static_cast<std::ptrdiff_t>(line * line_bytes), row_bytes,
                    image.pixels.begin() + static_cast<std::ptrdiff_t>(line * row_bytes));
    }
    drivers::wipe_bytes(raw.data(), raw.size());
    return image;
}

}  // namespace hk::scanner::sane::detail
