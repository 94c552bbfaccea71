// What a model of thermal printer can do, as far as the encoder cares: paper width, whether it draws QR codes
// itself, which characters its font holds. Chosen by name in the kiosk's config.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hk::printer::escpos {

struct PrinterProfile {
    std::string name;
    int paper_width_dots = 576;  // 80 mm paper at 203 dpi; 384 for 58 mm
    // GS ( k model 2 QR codes; without them the encoder sends the QR code as a raster image.
    bool native_qr = true;
    // Chinese-market firmware: FS & switches to GB18030 two-byte characters, and the font holds GBK (the one-
    // and two-byte part of GB18030). Without it only ASCII is sent as text and every other line as a raster.
    bool gb18030_text = true;
    // Whether the font also holds the four-byte part of GB18030 (rare Han characters, Hangul...). Almost no
    // printer's does: lines that need it are sent as raster images.
    bool gb18030_four_byte_glyphs = false;
    // GS r 1 at the end of a job is answered only once the printer got there, i.e. printed the receipt: the
    // printer object waits for it to know the receipt came out whole.
    bool answers_gs_r = true;
    bool partial_cut = true;  // GS V 66 (leave a hinge) rather than GS V 65 (full cut)
};

// "generic-80" (the default), "generic-58", "basic-80" (no QR, no Chinese font: rasters for both).
std::optional<PrinterProfile> profile_by_name(std::string_view name);
std::vector<std::string> profile_names();

}  // namespace hk::printer::escpos
