#include "scanner/image.h"

#include "drivers/personal_string.h"

namespace hk::scanner {

void Image::wipe() noexcept {
    // wipe_bytes rather than fill(): a plain fill of memory about to be freed may be optimised away.
    drivers::wipe_bytes(pixels.data(), pixels.size());
    pixels.clear();
    pixels.shrink_to_fit();
    width = 0;
    height = 0;
    dpi = 0;
}

}  // namespace hk::scanner
