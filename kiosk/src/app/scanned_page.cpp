#include "scanned_page.h"

#include "ops/events/log_event.h"
#include "scanner/page_cleanup/page_cleanup.h"

namespace hk::kiosk {

std::string flatbed_hint_id(scanner::page::Hint hint) {
    using scanner::page::Hint;
    switch (hint) {
        case Hint::HoldStill:
            return "scan_blurred";  // on a flatbed: the page was moved, or the lid pressed nothing flat
        case Hint::AvoidGlare:
            return "scan_glare";  // a glossy or laminated page: lay it flat, lid closed
        case Hint::TooDark:
            return "scan_too_dark";  // the lid open in a dark room, or a dark copy
        case Hint::ResolutionTooLow:
            return "scan_resolution_low";
        case Hint::MoveCloser:
        case Hint::PageOutOfFrameTop:
        case Hint::PageOutOfFrameBottom:
        case Hint::PageOutOfFrameLeft:
        case Hint::PageOutOfFrameRight:
            return "";  // camera framing: a flatbed page is the whole frame
    }
    return "";
}

std::expected<scanner::Image, std::string> prepare_scanned_page(scanner::Image scan) {
    scanner::page::CleanupOptions options;
    options.source = scanner::page::Source::Flatbed;
    auto cleaned = scanner::page::clean_page(scan, options);
    scan.wipe();
    if (!cleaned) {
        ops::log_event(ops::EventId::PageRefused, "scanned page refused: clean-up failed: {}",
                       cleaned.error());
        return std::unexpected("scan_unreadable");
    }
    cleaned->binary.wipe();
    for (const auto hint : cleaned->quality.hints) {
        if (std::string id = flatbed_hint_id(hint); !id.empty()) {
            ops::log_event(ops::EventId::PageRefused,
                           "scanned page refused: {} (sharpness {:.0f}, glare {:.4f}, paper {:.0f})",
                           scanner::page::to_string(hint), cleaned->quality.sharpness,
                           cleaned->quality.glare_fraction, cleaned->quality.paper_brightness);
            cleaned->grey.wipe();
            return std::unexpected(std::move(id));
        }
    }
    return std::move(cleaned->grey);
}

}  // namespace hk::kiosk
