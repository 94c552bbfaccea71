// Receipt to ESC/POS bytes for one printer profile. Pure: no device, no clock; the same receipt always gives
// the same bytes, so tests compare them byte for byte.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "printer/escpos/profile.h"
#include "printer/receipt.h"

namespace hk::printer::escpos {

// How the encoder sent each part, for tests and the technician log (never the receipt's text).
struct EncodingReport {
    int text_lines = 0;    // lines sent as printer text
    int raster_lines = 0;  // lines the printer's font cannot show, sent as GS v 0 images
    bool qr_native = false;
    bool qr_raster = false;
};

struct EncodedReceipt {
    std::vector<std::uint8_t> bytes;
    EncodingReport report;
};

// Fails (never throws) when the receipt is malformed (see receipt_problem) or a raster cannot be drawn.
std::expected<EncodedReceipt, std::string> encode_receipt(const Receipt& receipt,
                                                          const PrinterProfile& profile);

}  // namespace hk::printer::escpos
