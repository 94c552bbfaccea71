// Collects what cairo writes to a stream (the PDF or the PNG) in memory. The bytes hold personal data, so
// when the buffer grows the old one is wiped before it is freed, and nothing of the document is left behind
// in the heap.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <vector>

namespace hk::printer::detail {

class ByteSink {
  public:
    ByteSink() = default;
    ByteSink(const ByteSink&) = delete;
    ByteSink& operator=(const ByteSink&) = delete;
    ~ByteSink();

    // A cairo_write_func_t; `closure` is the ByteSink. Never throws into cairo's C code.
    static cairo_status_t write(void* closure, const unsigned char* data, unsigned int length) noexcept;

    // Hands the collected bytes over; the sink is empty afterwards.
    std::vector<std::uint8_t> take() noexcept;

  private:
    void append(const unsigned char* data, std::size_t length);

    std::vector<std::uint8_t> bytes_;
};

}  // namespace hk::printer::detail
