#include "sane_frame_reader.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "drivers/personal_string.h"
#include "reader_threads.h"

namespace hk::scanner::sane::detail {

namespace {

constexpr std::size_t kReadChunk = 64 * 1024;
// How long to wait for the backend's reader to end or block before a call that cancels it; a reader of the
// test backend ends within a few milliseconds. A reader that never settles is cancelled anyway after this,
// as before: a scanner must not hold the kiosk.
constexpr std::chrono::milliseconds kReaderSettleLimit{2000};

std::unexpected<ReadFailure> fail(SANE_Status status, std::string step) {
    return std::unexpected(ReadFailure{status, std::move(step)});
}

std::unexpected<ReadFailure> unsupported(std::string what) {
    return fail(SANE_STATUS_UNSUPPORTED, std::move(what));
}

// Bytes a line's samples take at this depth: 1-bit samples are packed 8 to a byte, 16-bit ones take two.
std::size_t packed_row_bytes(std::size_t samples, int depth) {
    return depth == 1 ? (samples + 7) / 8 : samples * static_cast<std::size_t>(depth / 8);
}

// One line of `samples` samples at `depth` into 8-bit samples. 1-bit (line art): most significant bit first,
// and a set bit is black (the SANE standard's one inverted case). 16-bit: the machine's byte order; the high
// byte is kept (the page clean-up and OCR work on 8 bits).
void unpack_line(const std::uint8_t* in, std::size_t samples, int depth, std::uint8_t* out) {
    if (depth == 8) {
        std::copy_n(in, samples, out);
    } else if (depth == 1) {
        for (std::size_t i = 0; i < samples; ++i) {
            const bool black = (in[i / 8] >> (7 - i % 8)) & 1U;
            out[i] = black ? 0 : 255;
        }
    } else {
        for (std::size_t i = 0; i < samples; ++i) {
            std::uint16_t sample = 0;
            std::memcpy(&sample, in + 2 * i, sizeof sample);
            out[i] = static_cast<std::uint8_t>(sample >> 8);
        }
    }
}

// How much the next sane_read may ask for. Backends on sanei_thread cancel their reader inside the sane_read
// that delivers the page's last byte, while the reader may still be freeing its buffer; so the last byte is
// asked for alone, once the reader has written everything else and had time to end (reader_threads.h).
SANE_Int next_read_length(std::size_t received, std::size_t page_bytes, const ReaderThreads& readers) {
    if (page_bytes == 0 || received >= page_bytes) return static_cast<SANE_Int>(kReadChunk);
    const std::size_t before_last_byte = page_bytes - 1 - received;
    if (before_last_byte > 0) return static_cast<SANE_Int>(std::min(kReadChunk, before_last_byte));
    (void)readers.wait_until_settled(kReaderSettleLimit);
    return static_cast<SANE_Int>(kReadChunk);
}

std::expected<Image, ReadFailure> read_started_page(SANE_Handle handle, const ReaderThreads& readers) {
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
    const int depth = parameters.depth;
    const int channels = parameters.format == SANE_FRAME_RGB ? 3 : 1;
    if (depth != 1 && depth != 8 && depth != 16)
        return unsupported(std::to_string(depth) + "-bit samples (1, 8 or 16 only)");
    // Colour line art has no agreed meaning of its bits among backends; no document scanner sends it.
    if (depth == 1 && channels == 3) return unsupported("1-bit colour samples");
    if (parameters.pixels_per_line <= 0) return unsupported("a line without pixels");
    const auto row_bytes =
        static_cast<std::size_t>(parameters.pixels_per_line) * static_cast<std::size_t>(channels);
    const auto line_bytes = static_cast<std::size_t>(std::max(parameters.bytes_per_line, 0));
    if (line_bytes < packed_row_bytes(row_bytes, depth)) return unsupported("a line shorter than its pixels");

    // Hand scanners report lines = -1: the page's size is known only at EOF.
    const std::size_t page_bytes =
        parameters.lines > 0 ? line_bytes * static_cast<std::size_t>(parameters.lines) : 0;
    std::vector<std::uint8_t> raw;
    raw.reserve(page_bytes);
    std::array<SANE_Byte, kReadChunk> chunk{};
    for (;;) {
        SANE_Int length = 0;
        const SANE_Status status =
            sane_read(handle, chunk.data(), next_read_length(raw.size(), page_bytes, readers), &length);
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
        unpack_line(raw.data() + line * line_bytes, row_bytes, depth, image.pixels.data() + line * row_bytes);
    }
    drivers::wipe_bytes(raw.data(), raw.size());
    return image;
}

}  // namespace

std::expected<Image, ReadFailure> read_page(SANE_Handle handle) {
    const ReaderThreads readers;
    auto page = read_started_page(handle, readers);
    // The caller cancels a failed scan; the reader may have been started a moment ago and still be
    // allocating.
    if (!page) (void)readers.wait_until_settled(kReaderSettleLimit);
    return page;
}

}  // namespace hk::scanner::sane::detail
