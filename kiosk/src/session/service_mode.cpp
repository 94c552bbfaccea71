// Service mode on the screen: a configured technician card on the chip reader, then its PIN, then the same
// functions as kioskctl. The kiosk checks PINs (ops::TechnicianGate: rate limit, lockout) and runs the
// functions; the engine only moves between the screens. No citizen is ever served meanwhile, and leaving
// wipes the visit and returns to the attract screen (or out of service).
#include <algorithm>
#include <string_view>

#include "kiosk/session/service_functions.h"
#include "step_context.h"

namespace hk::kiosk::detail {

bool is_watching(Screen screen) {
    return screen == Screen::Attract || screen == Screen::OutOfService;
}

namespace {

bool known_function(std::string_view id) {
    return std::any_of(kServiceFunctions.begin(), kServiceFunctions.end(),
                       [id](const ServiceFunction& f) { return f.id == id; });
}

void close_service_mode(StepContext& ctx, std::string reason) {
    State& st = ctx.state;
    ServiceVisit& visit = *st.service_visit;
    ctx.leave_current_screen();
    ctx.emit(ServiceModeClosed{visit.card_id, visit.signed_in, std::move(reason)});
    visit.wipe();
    st.service_visit.reset();
    const bool usable = st.devices.can_serve() && !st.withdrawn_from_service();
    st.screen = usable ? Screen::Attract : Screen::OutOfService;
    st.screen_since = st.now;
    st.last_input = st.now;
}

bool on_pin_action(StepContext& ctx, std::string_view action) {
    ServiceVisit& visit = *ctx.state.service_visit;
    if (ctx.state.pending_request != 0) return false;  // no typing while the PIN is checked
    if (edit_entry(visit.pin_entry, action, ctx.config().max_pin_length)) return true;
    if (action == "submit" && visit.pin_entry.size() >= ctx.config().min_pin_length) {
        ctx.emit(
            CheckTechnicianPin{ctx.start_request(), visit.card_id, drivers::PersonalString{visit.pin_entry}});
        visit.wipe();  // the typed PIN lives on only in the command, which zeroes it when dropped
        return true;
    }
    return false;
}

}  // namespace

bool on_service_action(StepContext& ctx, std::string_view action) {
    State& st = ctx.state;
    ServiceVisit& visit = *st.service_visit;
    if (action.starts_with("lang:")) {
        const auto language = language_from_tag(action.substr(5));
        if (!language) return false;
        visit.language = *language;
        return true;
    }
    if (action == "focus" || action == "help") return true;
    switch (st.screen) {
        case Screen::ServicePin:
            if (action == "cancel") {
                close_service_mode(ctx, "left");
                return true;
            }
            return on_pin_action(ctx, action);
        case Screen::ServiceMenu:
            if (action == "leave") {
                close_service_mode(ctx, "left");
                return true;
            }
            if (action.starts_with("service:") && known_function(action.substr(8))) {
                visit.function = std::string(action.substr(8));
                visit.result.clear();
                ctx.enter(Screen::ServiceWorking);
                return true;
            }
            return false;
        case Screen::ServiceResult:
            if (action == "back") {
                ctx.enter(Screen::ServiceMenu);
                return true;
            }
            if (action == "leave") {
                close_service_mode(ctx, "left");
                return true;
            }
            return false;
        default:
            return false;  // a function is running: it cannot be abandoned half-way (a test print, a scan)
    }
}

bool on_service_mode_event(StepContext& ctx, const Event& event) {
    State& st = ctx.state;
    const auto answers = [&st](std::uint64_t request) {
        return request != 0 && request == st.pending_request;
    };
    if (const auto* e = std::get_if<TechnicianCardSeen>(&event)) {
        if (!answers(e->request) || !is_watching(st.screen) || st.session) return true;
        st.pending_request = 0;
        st.service_visit.emplace();
        st.service_visit->language = ctx.config().default_language;
        st.service_visit->card_id = e->card_id;
        ctx.enter(Screen::ServicePin);
        return true;
    }
    if (const auto* e = std::get_if<TechnicianPinChecked>(&event)) {
        if (!answers(e->request) || st.screen != Screen::ServicePin) return true;
        st.pending_request = 0;
        ServiceVisit& visit = *st.service_visit;
        visit.last_verdict = e->verdict;
        visit.attempts_left = e->attempts_left;
        visit.retry_after_s = e->retry_after_s;
        if (e->verdict == PinVerdict::Accepted) {
            visit.signed_in = true;
            ctx.enter(Screen::ServiceMenu);
        }
        return true;
    }
    if (const auto* e = std::get_if<ServiceFunctionDone>(&event)) {
        if (!answers(e->request) || st.screen != Screen::ServiceWorking) return true;
        st.pending_request = 0;
        st.service_visit->result = e->text;
        st.service_visit->result_well = e->well;
        ctx.enter(Screen::ServiceResult);
        return true;
    }
    if (const auto* e = std::get_if<DeviceFailed>(&event)) {
        // The chip reader failed while watching for technician cards: the health monitor reports the
        // device; the watch tries again a little later rather than hammering a broken reader.
        if (!answers(e->request) || !is_watching(st.screen)) return false;
        st.pending_request = 0;
        st.watch_resume_at = st.now + ctx.config().watch_retry;
        return true;
    }
    return false;
}

void on_service_clock(StepContext& ctx) {
    State& st = ctx.state;
    const EngineConfig& cfg = ctx.config();
    if (st.screen == Screen::ServiceWorking) {
        if (st.now - st.screen_since < cfg.service_step_timeout) return;
        ServiceVisit& visit = *st.service_visit;
        visit.result = "no answer from the kiosk in " +
                       std::to_string(cfg.service_step_timeout.count() / 1000) + " s; see `kioskctl logs`\n";
        visit.result_well = false;
        ctx.enter(Screen::ServiceResult);
        return;
    }
    // A PIN check answers within a second or two, so even one still unanswered does not hold the screen open.
    if (st.now - std::max(st.last_input, st.screen_since) >= cfg.service_idle_timeout) {
        close_service_mode(ctx, "idle");
    }
}

void watch_for_technicians(StepContext& ctx) {
    State& st = ctx.state;
    if (!ctx.config().technician_cards || !is_watching(st.screen) || st.session || st.pending_request != 0)
        return;
    if (!st.devices.is_ready(drivers::DeviceKind::ChipReader) || st.now < st.watch_resume_at) return;
    ctx.emit(WatchForTechnicianCard{ctx.start_request()});
}

}  // namespace hk::kiosk::detail
