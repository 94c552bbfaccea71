// Supporting documents under the overhead document camera: each frame is looked at for the live preview on
// the scan screen (the frame scaled down with the page's outline drawn, and what the citizen should do to
// make it good: move it down, hold still, ...), and a good frame becomes the page, cleaned like a flatbed
// scan. Runs on the scanner's worker, never on the UI thread.
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "scanner/image.h"
#include "scanner/page_cleanup/quality.h"
#include "ui/view_model.h"

namespace hk::kiosk {

struct CameraLook {
    std::shared_ptr<const ui::Photo>
        preview;                     // personal data (the page): zeroed when the last holder lets go
    std::vector<std::string> hints;  // hint text ids, most important first; empty: a good frame
};

// The text id of what to do about a quality problem seen by the camera ("camera_move_down", ...).
std::string camera_hint_id(scanner::page::Hint hint);

// The preview of `frame` (RGB or grey) at most `preview_width` wide, and the hints for it; "camera_no_page"
// when no page is found in it.
CameraLook look_at_frame(const scanner::Image& frame, int preview_width = 480);

// The page in a good frame, flattened, upright and cleaned (grey), or the hint text id when it is not usable
// after all. The frame is wiped either way.
std::expected<scanner::Image, std::string> take_camera_page(scanner::Image frame);

}  // namespace hk::kiosk
