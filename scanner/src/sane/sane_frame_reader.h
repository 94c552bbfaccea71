// Reading one page from an open SANE handle: sane_start, sane_get_parameters, sane_read until EOF.
#pragma once

#include <sane/sane.h>

#include <expected>
#include <string>

#include "scanner/image.h"

namespace hk::scanner::sane::detail {

struct ReadFailure {
    SANE_Status status;  // SANE_STATUS_UNSUPPORTED for frames we do not handle
    std::string step;    // which call failed, or what about the frame is unsupported
};

// Scans one page into an Image (8-bit grey or RGB, single frame; 1-bit grey and 16-bit frames are brought to
// 8 bits). The caller sets options before and decides about sane_cancel after; on failure the partial page is
// wiped. Whether it succeeds or fails, it returns only when the backend's reader threads are safe to cancel
// (reader_threads.h): backends cancel them in the sane_read that delivers a page's last byte, and the caller
// cancels after a failure.
std::expected<Image, ReadFailure> read_page(SANE_Handle handle);

}  // namespace hk::scanner::sane::detail
