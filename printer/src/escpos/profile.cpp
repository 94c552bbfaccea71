#include "printer/escpos/profile.h"

#include <array>

namespace hk::printer::escpos {

namespace {

std::array<PrinterProfile, 3> known_profiles() {
    return {
        // The usual 80 mm kiosk printer with Chinese firmware (GB18030 font, QR in firmware).
        PrinterProfile{.name = "generic-80"},
        PrinterProfile{.name = "generic-58", .paper_width_dots = 384},
        // Older or export firmware: no GS ( k and no Chinese font, so QR codes and every non-ASCII line go
        // as rasters. Slower, but it prints the same receipt.
        PrinterProfile{.name = "basic-80", .native_qr = false, .gb18030_text = false},
    };
}

}  // namespace

std::optional<PrinterProfile> profile_by_name(std::string_view name) {
    for (PrinterProfile& profile : known_profiles()) {
        if (profile.name == name) return std::move(profile);
    }
    return std::nullopt;
}

std::vector<std::string> profile_names() {
    std::vector<std::string> names;
    for (const PrinterProfile& profile : known_profiles()) names.push_back(profile.name);
    return names;
}

}  // namespace hk::printer::escpos
