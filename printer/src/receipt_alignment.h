// A receipt line's alignment as pango lays it out: shared by the PNG rendering of a receipt and the ESC/POS
// raster lines, so a line looks the same on the screen, in the demo and on the thermal paper.
#pragma once

#include <pango/pango.h>

#include "printer/receipt.h"

namespace hk::printer::detail {

// ByStyle must be resolved first (effective_alignment); it falls back to left here.
inline PangoAlignment pango_alignment(ReceiptAlignment alignment) {
    switch (alignment) {
        case ReceiptAlignment::Centre:
            return PANGO_ALIGN_CENTER;
        case ReceiptAlignment::Right:
            return PANGO_ALIGN_RIGHT;
        case ReceiptAlignment::ByStyle:
        case ReceiptAlignment::Left:
            break;
    }
    return PANGO_ALIGN_LEFT;
}

}  // namespace hk::printer::detail
