#include "byte_sink.h"

#include <algorithm>
#include <new>
#include <utility>

#include "drivers/personal_string.h"

namespace hk::printer::detail {

namespace {
constexpr std::size_t kInitialCapacity = 64 * 1024;
}

ByteSink::~ByteSink() {
    drivers::wipe_bytes(bytes_.data(), bytes_.capacity());
}

cairo_status_t ByteSink::write(void* closure, const unsigned char* data, unsigned int length) noexcept {
    try {
        static_cast<ByteSink*>(closure)->append(data, length);
        return CAIRO_STATUS_SUCCESS;
    } catch (const std::bad_alloc&) {
        return CAIRO_STATUS_NO_MEMORY;
    } catch (...) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
}

void ByteSink::append(const unsigned char* data, std::size_t length) {
    const std::size_t needed = bytes_.size() + length;
    if (needed > bytes_.capacity()) {
        // Grow by hand rather than let the vector reallocate, so the old buffer can be wiped first.
        std::vector<std::uint8_t> bigger;
        bigger.reserve(std::max({needed, bytes_.capacity() * 2, kInitialCapacity}));
        bigger.assign(bytes_.begin(), bytes_.end());
        drivers::wipe_bytes(bytes_.data(), bytes_.capacity());
        bytes_.swap(bigger);
    }
    bytes_.insert(bytes_.end(), data, data + length);
}

std::vector<std::uint8_t> ByteSink::take() noexcept {
    return std::exchange(bytes_, {});
}

}  // namespace hk::printer::detail
