// The face from a passport chip (DG2, JPEG or JPEG 2000) as the screen shows it. Decoded on the chip reader's
// worker, once per read, never on the UI thread.
#pragma once

#include <memory>

#include "drivers/chip_reader.h"
#include "ui/view_model.h"

namespace hk::kiosk {

// RGB pixels of the document's face; null when it has none, or it does not decode (the citizen is still
// identified: the face is shown, never checked, by the kiosk). The decoded buffers are zeroed on the way.
std::shared_ptr<const ui::Photo> face_photo(const drivers::ChipDocument& document);

}  // namespace hk::kiosk
