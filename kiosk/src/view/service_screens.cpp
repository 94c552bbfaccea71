// The service-mode screens: the technician's PIN, the menu of kioskctl's functions, a running function, and
// its result as kioskctl would print it (ops/control/reply_text.h).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/session/service_functions.h"
#include "view_writer.h"

namespace hk::kiosk::view_detail {
namespace {

// The result lines the screen has room for (long ones wrap); kioskctl shows every line.
constexpr std::size_t kMaxResultLines = 12;

// A detail under a result line (a self-test's checks are indented 7): the first to go when space is short.
bool is_detail(const std::string& line) {
    return line.starts_with("      ");
}

std::string_view function_text_id(std::string_view id) {
    for (const ServiceFunction& function : kServiceFunctions) {
        if (function.id == id) return function.text_id;
    }
    return "service.menu_title";
}

void pin(ViewWriter& w) {
    const ServiceVisit& visit = *w.state().service_visit;
    const bool checking = w.state().pending_request != 0;
    w.title("service.pin_title");
    w.line_id("service.pin_note");
    if (checking) {
        w.line_id("service.pin_checking");
        w.tone(ui::Tone::Busy);
    } else if (visit.last_verdict == PinVerdict::Wrong) {
        w.line(w.t("service.pin_wrong") + w.count(visit.attempts_left));
        w.tone(ui::Tone::Warning);
    } else if (visit.last_verdict == PinVerdict::RateLimited) {
        w.line(w.t("service.pin_wait") + w.count(visit.retry_after_s));
        w.tone(ui::Tone::Warning);
    } else if (visit.last_verdict == PinVerdict::LockedOut) {
        w.line(w.t("service.pin_locked") + w.count((visit.retry_after_s + 59) / 60));
        w.tone(ui::Tone::Error);
    }
    // A PIN is secret: masked on screen, and spoken as tones.
    w.entry(std::string(visit.pin_entry.size(), '*'), true);
    w.digit_buttons(!checking);
    w.button_id("erase", "button.erase", false, !checking && !visit.pin_entry.empty());
    w.button_id("submit", "service.pin_submit", true,
                !checking && visit.pin_entry.size() >= w.engine().config().min_pin_length);
    w.button_id("cancel", "service.leave");
}

void menu(ViewWriter& w) {
    const State& st = w.state();
    w.title("service.menu_title");
    w.line(w.t("service.kiosk") + st.kiosk_id);
    w.line_id(st.maintenance_requested ? "service.state_maintenance"
              : st.devices.can_serve() ? "service.state_in_service"
                                       : "service.state_out_of_service");
    for (const ServiceFunction& function : kServiceFunctions) {
        // Maintenance is one switch: offer the way it is not set.
        if (function.id == "maintenance-on" && st.maintenance_requested) continue;
        if (function.id == "maintenance-off" && !st.maintenance_requested) continue;
        w.button_id("service:" + std::string(function.id), function.text_id);
    }
    w.button_id("leave", "service.leave", true);
}

void working(ViewWriter& w) {
    w.title("service.working_title");
    w.line_id(function_text_id(w.state().service_visit->function));
    if (w.state().service_visit->function == "nfc-field-test") w.line_id("service.hold_card");
    w.tone(ui::Tone::Busy);
}

void result(ViewWriter& w) {
    const ServiceVisit& visit = *w.state().service_visit;
    w.title(function_text_id(visit.function));
    w.tone(visit.result_well ? ui::Tone::Success : ui::Tone::Error);
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < visit.result.size()) {
        const std::size_t end = visit.result.find('\n', start);
        std::string line =
            visit.result.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty()) lines.push_back(std::move(line));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    const std::size_t all = lines.size();
    if (all > kMaxResultLines) std::erase_if(lines, is_detail);
    const std::size_t shown = std::min(lines.size(), kMaxResultLines - (all > kMaxResultLines ? 1 : 0));
    for (std::size_t i = 0; i < shown; ++i) w.line(lines[i]);
    if (all > shown) w.line(w.t("service.more_lines") + w.count(static_cast<long>(all - shown)));
    w.button_id("back", "button.back", true);
    w.button_id("leave", "service.leave");
}

}  // namespace

void service_screen(ViewWriter& w) {
    switch (w.state().screen) {
        case Screen::ServicePin:
            pin(w);
            break;
        case Screen::ServiceMenu:
            menu(w);
            break;
        case Screen::ServiceWorking:
            working(w);
            break;
        default:
            result(w);
            break;
    }
}

}  // namespace hk::kiosk::view_detail
