#include "kiosk/session/engine.h"

#include <variant>

#include "kiosk/view.h"
#include "step_context.h"

namespace hk::kiosk {

namespace detail {

namespace {

// The pages as the central service gets them: each with what the reader found on it and whether the citizen
// confirmed it. A page the reader did not recognise goes as pixels alone.
std::vector<FiledPage> filed_pages(const std::vector<ScannedPageRef>& pages) {
    std::vector<FiledPage> filed;
    filed.reserve(pages.size());
    for (const ScannedPageRef& page : pages) {
        FiledPage& out = filed.emplace_back();
        out.page_id = page.page_id;
        out.document_index = page.document_index;
        if (!page.document) continue;
        out.document_type = page.document->type;
        for (const ReadField& field : page.document->fields) {
            out.fields.push_back({field.id, field.value, field.valid, field.confirmed, field.confidence});
        }
    }
    return filed;
}

}  // namespace

bool is_interactive(Screen screen) {
    switch (screen) {
        case Screen::Language:
        case Screen::Catalogue:
        case Screen::NotificationForm:
        case Screen::ForWhom:
        case Screen::IdentifyMethod:
        case Screen::IdentifyCard:
        case Screen::PassportMrz:
        case Screen::PassportChip:
        case Screen::ScanDocuments:
        case Screen::Review:
        case Screen::Referral:
        case Screen::TrackingEntry:
        case Screen::InquiryResult:
        case Screen::Error:
            return true;
        default:
            return false;
    }
}

bool is_reading(Screen screen) {
    return screen == Screen::IdentifyCard || screen == Screen::PassportMrz || screen == Screen::PassportChip;
}

const Service& StepContext::service() const {
    static const Service kNone = [] {
        Service none;
        none.kind = ServiceKind::HandlingPoints;
        return none;
    }();
    const Service* found = state.session ? engine.catalogue().find(state.session->service_id) : nullptr;
    return found != nullptr ? *found : kNone;
}

// The number printed (masked) on the receipt: the holder's resident ID number, or the passport number when
// the chip carried no ID number.
std::string masked_holder_number(const Session& session) {
    const VerifiedIdentity* holder = session.subject();
    if (holder == nullptr) return {};
    const PersonalString& number = holder->id_number.empty() ? holder->document_number : holder->id_number;
    return mask_number(number.reveal());
}

std::uint64_t StepContext::start_request() {
    state.pending_request = state.next_request++;
    return state.pending_request;
}

void StepContext::leave_current_screen() {
    // Only a read still waiting needs cancelling; one that answered is over.
    const bool scanning = state.session && state.session->scanning;
    const bool reading = is_reading(state.screen) || is_watching(state.screen);
    if ((reading && state.pending_request != 0) || scanning) emit(CancelReads{});
    if (state.session) {
        state.session->scanning = false;
        state.session->scan_preview.reset();
        state.session->scan_hints.clear();
        state.session->hint.reset();
    }
    state.pending_request = 0;
}

void StepContext::enter(Screen screen) {
    leave_current_screen();
    state.screen = screen;
    state.screen_since = state.now;
    state.last_input = state.now;
    issue_entry_commands();
}

void StepContext::issue_entry_commands() {
    switch (state.screen) {
        case Screen::IdentifyCard:
            emit(ReadResidentIdCard{start_request()});
            break;
        case Screen::PassportMrz:
            emit(ReadMrz{start_request()});
            break;
        case Screen::PassportChip:
            emit(ReadChip{start_request(), *session().chip_key});
            break;
        case Screen::CheckingEligibility:
            // A reprint asks this kiosk's journal, not the central service: the certificate exists already.
            if (service().kind == ServiceKind::Reprint) {
                emit(FindKeptCertificate{start_request(), *session().subject()});
            } else {
                emit(CheckEligibility{start_request(), *session().subject(), session().service_id});
            }
            break;
        case Screen::Issuing: {
            Session& s = session();
            if (s.transaction_key.empty()) {
                s.transaction_key = state.kiosk_id + ":" + state.boot_id + ":" +
                                    std::to_string(state.session_serial) + ":" + s.service_id;
            }
            std::optional<VerifiedIdentity> agent;
            if (s.principal) agent = s.applicant;
            if (service().kind == ServiceKind::Certificate) {
                emit(IssueCertificate{start_request(),
                                      {s.service_id, *s.subject(), agent, s.transaction_key}});
            } else {
                std::vector<FiledPage> pages = filed_pages(s.pages);
                emit(FileApplication{start_request(),
                                     {s.service_id,
                                      *s.subject(),
                                      agent,
                                      static_cast<int>(pages.size()),
                                      {},
                                      s.transaction_key},
                                     std::move(pages)});
            }
            break;
        }
        case Screen::Printing: {
            Session& s = session();
            const std::uint64_t request = start_request();
            const std::string holder = masked_holder_number(s);
            if (s.certificate) {
                emit(PrintCertificate{request, *s.certificate});
                emit(PrintReceipt{request,
                                  ReceiptKind::Certificate,
                                  s.language,
                                  s.service_id,
                                  s.certificate->serial,
                                  {},
                                  holder});
            } else {
                emit(PrintReceipt{request,
                                  ReceiptKind::Application,
                                  s.language,
                                  s.service_id,
                                  s.application->tracking_number,
                                  {},
                                  holder});
            }
            break;
        }
        case Screen::ServiceWorking:
            emit(RunServiceFunction{start_request(), state.service_visit->function,
                                    state.service_visit->card_id});
            break;
        case Screen::Querying:
            if (service().kind == ServiceKind::StatusInquiry) {
                emit(QueryApplicationStatus{start_request(), session().tracking_entry});
            } else {
                emit(QueryHandlingPoints{start_request()});
            }
            break;
        default:
            break;
    }
}

void StepContext::fail(ErrorKind kind, std::string fault_code, std::optional<Screen> retry_screen) {
    enter(Screen::Error);
    session().error = ErrorInfo{kind, std::move(fault_code), retry_screen};
}

void StepContext::start_session() {
    state.session_serial++;
    state.session.emplace();
    state.session->language = config().default_language;
    emit(BeginSession{state.session_serial});
    enter(Screen::Language);
}

void StepContext::end_session() {
    leave_current_screen();
    emit(WipePersonalData{state.session_serial});
    state.session->wipe();
    state.session.reset();  // and PersonalString members zero their buffers as they are destroyed
    state.warned_from.reset();
    const bool usable = state.devices.can_serve() && !state.withdrawn_from_service();
    state.screen = usable ? Screen::Attract : Screen::OutOfService;
    state.screen_since = state.now;
    state.last_input = state.now;
}

std::string central_timeout_code() {
    return fault_code(CentralError{CentralErrorKind::Timeout, {}});
}

void on_clock(StepContext& ctx, Millis now) {
    State& st = ctx.state;
    if (now > st.now) st.now = now;
    const Millis on_screen = st.now - st.screen_since;
    const EngineConfig& cfg = ctx.config();

    if (is_service_screen(st.screen)) {
        on_service_clock(ctx);
        return;
    }
    // A page the reader has not answered for within a step's time goes without fields (the clerk reads it):
    // a stuck reader must not keep the citizen from confirming.
    if (st.session) {
        for (ScannedPageRef& page : ctx.session().pages) {
            if (!page.read && st.now - page.scanned_at >= cfg.step_timeout) page.read = true;
        }
    }
    if (is_interactive(st.screen)) {
        const Millis idle = st.now - std::max(st.last_input, st.screen_since);
        if (idle >= cfg.idle_timeout) {
            const Screen from = st.screen;
            ctx.enter(Screen::TimeoutWarning);
            st.warned_from = from;
        }
        return;
    }
    switch (st.screen) {
        case Screen::TimeoutWarning:
            if (on_screen >= cfg.warning_period) ctx.end_session();
            break;
        case Screen::Done:
            if (on_screen >= cfg.done_timeout) ctx.end_session();
            break;
        case Screen::CheckingEligibility:
        case Screen::Querying:
            if (on_screen >= cfg.step_timeout)
                ctx.fail(ErrorKind::StepTimedOut, central_timeout_code(), st.screen);
            break;
        case Screen::Issuing:
            // Retrying re-sends the same idempotency key, so a slow answer that did arrive is not issued
            // twice.
            if (on_screen >= cfg.step_timeout)
                ctx.fail(ErrorKind::StepTimedOut, central_timeout_code(), Screen::Issuing);
            break;
        case Screen::Printing:
            if (on_screen >= cfg.step_timeout) {
                Session& s = ctx.session();
                if (s.certificate && !s.certificate_printed) {
                    ctx.emit(KeepForReprint{*s.certificate});
                    ctx.fail(ErrorKind::CertificateNotPrinted,
                             drivers::fault_code(drivers::DeviceKind::A4Printer, drivers::FaultKind::Timeout),
                             std::nullopt);
                } else {
                    ctx.enter(
                        Screen::Done);  // the certificate or tracking number is in hand; the receipt is late
                }
            }
            break;
        default:
            break;
    }
}

}  // namespace detail

Transition SessionEngine::step(State state, const Event& event) const {
    detail::StepContext ctx(*this, std::move(state));
    std::visit(
        [&ctx, &event](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, ClockTick>) {
                detail::on_clock(ctx, e.now);
            } else if constexpr (std::is_same_v<E, UserAction>) {
                if (detail::on_user_action(ctx, e.action)) ctx.state.last_input = ctx.state.now;
            } else if constexpr (std::is_same_v<E, TechnicianCardSeen> ||
                                 std::is_same_v<E, TechnicianPinChecked> ||
                                 std::is_same_v<E, ServiceFunctionDone>) {
                detail::on_service_mode_event(ctx, event);
            } else if constexpr (std::is_same_v<E, DeviceHealthChanged>) {
                ctx.state.devices.ready.at(static_cast<std::size_t>(e.device)) = e.ready;
                detail::on_service_event(ctx, e);
            } else if constexpr (std::is_same_v<E, MaintenanceRequested>) {
                ctx.state.maintenance_requested = e.on;
                detail::on_service_event(ctx, e);
            } else if constexpr (std::is_same_v<E, OpeningHoursChanged>) {
                ctx.state.closed_for_hours = !e.open;
                ctx.state.reopens = e.open ? std::string() : e.reopens;
                detail::on_service_event(ctx, e);
            } else {
                if (detail::on_service_mode_event(ctx, event)) return;
                if (!detail::on_identity_event(ctx, event)) detail::on_service_event(ctx, event);
            }
        },
        event);
    detail::watch_for_technicians(ctx);
    return {std::move(ctx.state), std::move(ctx.commands)};
}

bool SessionEngine::service_offered(const State& state, const Service& service) const {
    using drivers::DeviceKind;
    if (service.kind == ServiceKind::Application && !state.devices.is_ready(DeviceKind::DocumentScanner))
        return false;
    const bool prints_a_certificate =
        service.kind == ServiceKind::Certificate || service.kind == ServiceKind::Reprint;
    if (prints_a_certificate && !state.devices.is_ready(DeviceKind::A4Printer)) return false;
    return true;
}

}  // namespace hk::kiosk
