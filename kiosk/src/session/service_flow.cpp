// After identification: eligibility, documents, issuing or filing, printing, inquiries; and the kiosk's own
// health. Late answers to abandoned steps are never dropped silently when they carry something the citizen is
// owed.
#include "step_context.h"

#include <algorithm>

namespace hk::kiosk::detail {
namespace {

using drivers::DeviceKind;
using drivers::FaultKind;

bool waiting_for(const StepContext& ctx, Screen screen, std::uint64_t request) {
    return ctx.state.screen == screen && request != 0 && request == ctx.state.pending_request;
}

void on_eligibility(StepContext& ctx, const EligibilityAnswer& answer) {
    ctx.session().eligibility = answer;
    if (answer.verdict != Verdict::Eligible) {
        ctx.enter(Screen::Referral);
        return;
    }
    const Service& service = ctx.service();
    const bool needs_pages = service.kind == ServiceKind::Application && !service.documents_to_scan.empty();
    ctx.enter(needs_pages ? Screen::ScanDocuments : Screen::Review);
}

void on_central_failure(StepContext& ctx, const CentralError& error) {
    const Screen screen = ctx.state.screen;
    if (screen == Screen::Querying && error.kind == CentralErrorKind::NotFound) {
        ctx.session().inquiry = InquiryResult{std::nullopt, {}, true};
        ctx.enter(Screen::InquiryResult);
        return;
    }
    if (error.retryable()) {
        ctx.fail(ErrorKind::CentralFailed, fault_code(error), screen);
    } else {
        ctx.fail(ErrorKind::CentralRejected, fault_code(error), std::nullopt);
    }
}

void maybe_done_printing(StepContext& ctx) {
    Session& s = ctx.session();
    const bool certificate_done = !s.certificate || s.certificate_printed;
    const bool receipt_done = s.receipt_printed || s.receipt_failed;
    if (certificate_done && receipt_done) ctx.enter(Screen::Done);
}

void on_print_fault(StepContext& ctx, const drivers::DeviceFault& fault) {
    Session& s = ctx.session();
    if (fault.device == DeviceKind::A4Printer && s.certificate && !s.certificate_printed) {
        ctx.emit(KeepForReprint{*s.certificate});
        ctx.fail(ErrorKind::CertificateNotPrinted, drivers::fault_code(fault), std::nullopt);
        return;
    }
    if (fault.device == DeviceKind::ReceiptPrinter) {
        // The receipt only repeats what the screen and the certificate show: carry on without it.
        s.receipt_failed = true;
        maybe_done_printing(ctx);
    }
}

void on_scan_fault(StepContext& ctx, const drivers::DeviceFault& fault) {
    Session& s = ctx.session();
    s.scanning = false;
    s.scan_preview.reset();
    s.scan_hints.clear();
    ctx.state.pending_request = 0;
    switch (fault.kind) {
        case FaultKind::NoDocument:
            s.hint = "no_document";
            break;
        case FaultKind::PaperJam:
            s.hint = "scanner_jam";
            break;
        case FaultKind::CoverOpen:
            s.hint = "scanner_cover_open";
            break;
        default:
            ctx.fail(ErrorKind::DeviceFailed, drivers::fault_code(fault), Screen::ScanDocuments);
            break;
    }
}

void on_health(StepContext& ctx) {
    State& st = ctx.state;
    const bool usable = st.devices.can_serve() && !st.withdrawn_from_service();
    if (st.screen == Screen::Attract && !usable) {
        st.screen = Screen::OutOfService;
        st.screen_since = st.now;
    } else if (st.screen == Screen::OutOfService && usable) {
        st.screen = Screen::Attract;
        st.screen_since = st.now;
    }
    // A citizen in a session finishes first; the wipe at the end of the session then lands on out of service.
}

}  // namespace

bool on_service_event(StepContext& ctx, const Event& event) {
    if (std::holds_alternative<DeviceHealthChanged>(event) ||
        std::holds_alternative<MaintenanceRequested>(event) ||
        std::holds_alternative<OpeningHoursChanged>(event)) {
        on_health(ctx);
        return true;
    }
    if (const auto* e = std::get_if<EligibilityChecked>(&event)) {
        if (waiting_for(ctx, Screen::CheckingEligibility, e->request)) on_eligibility(ctx, e->answer);
        return true;
    }
    if (const auto* e = std::get_if<KeptCertificateFound>(&event)) {
        if (waiting_for(ctx, Screen::CheckingEligibility, e->request)) {
            if (e->certificate) {
                ctx.session().certificate = e->certificate;
                ctx.enter(Screen::Printing);
            } else {
                ctx.fail(ErrorKind::NothingKeptForReprint, "", std::nullopt);
            }
        }
        return true;
    }
    if (const auto* e = std::get_if<CertificateIssued>(&event)) {
        if (waiting_for(ctx, Screen::Issuing, e->request)) {
            ctx.session().certificate = e->certificate;
            ctx.enter(Screen::Printing);
        } else {
            ctx.emit(KeepForReprint{e->certificate});  // issued after the citizen moved on: never lost
        }
        return true;
    }
    if (const auto* e = std::get_if<ApplicationFiled>(&event)) {
        if (waiting_for(ctx, Screen::Issuing, e->request)) {
            ctx.session().application = e->receipt;
            ctx.enter(Screen::Printing);
        } else {
            ctx.emit(RecordUnclaimedApplication{e->receipt});
        }
        return true;
    }
    if (const auto* e = std::get_if<StatusAnswered>(&event)) {
        if (waiting_for(ctx, Screen::Querying, e->request)) {
            ctx.session().inquiry = InquiryResult{e->status, {}, false};
            ctx.enter(Screen::InquiryResult);
        }
        return true;
    }
    if (const auto* e = std::get_if<HandlingPointsAnswered>(&event)) {
        if (waiting_for(ctx, Screen::Querying, e->request)) {
            ctx.session().inquiry = InquiryResult{std::nullopt, e->points, false};
            ctx.enter(Screen::InquiryResult);
        }
        return true;
    }
    if (const auto* e = std::get_if<CentralFailed>(&event)) {
        const Screen screen = ctx.state.screen;
        const bool central_screen =
            screen == Screen::CheckingEligibility || screen == Screen::Issuing || screen == Screen::Querying;
        if (central_screen && waiting_for(ctx, screen, e->request)) on_central_failure(ctx, e->error);
        return true;
    }
    if (const auto* e = std::get_if<PageScanned>(&event)) {
        if (waiting_for(ctx, Screen::ScanDocuments, e->request) && ctx.session().scanning) {
            Session& s = ctx.session();
            if (e->hint) {
                s.hint = *e->hint;  // refused: the citizen scans it again
            } else {
                // The page fills the first document without one: the review screen's "scan again" may have
                // taken out a page before others.
                const int document =
                    static_cast<int>(s.next_document(ctx.service().documents_to_scan.size()));
                const auto after = std::ranges::find_if(
                    s.pages, [&](const ScannedPageRef& page) { return page.document_index > document; });
                s.pages.insert(after, ScannedPageRef{e->page_id, document, ctx.state.now});
                s.hint.reset();
            }
            s.scanning = false;
            s.scan_preview.reset();
            s.scan_hints.clear();
            ctx.state.pending_request = 0;
        }
        return true;
    }
    if (const auto* e = std::get_if<ScanPreview>(&event)) {
        if (waiting_for(ctx, Screen::ScanDocuments, e->request) && ctx.session().scanning) {
            ctx.session().scan_preview = e->preview;
            ctx.session().scan_hints = e->hints;
        }
        return true;
    }
    if (const auto* e = std::get_if<PageRead>(&event)) {
        // Any screen of the session: reading finishes while the citizen scans the next page or reviews. A
        // page scanned again since, or a session over, has no page of that id: what was read is dropped
        // (wiped).
        if (!ctx.state.session) return true;
        for (ScannedPageRef& page : ctx.session().pages) {
            if (page.page_id != e->page_id || page.read) continue;
            page.read = true;
            page.document = e->document;
        }
        return true;
    }
    if (const auto* e = std::get_if<PrintFinished>(&event)) {
        if (ctx.state.session && e->request != 0 && e->request == ctx.session().form_request) {
            ctx.session().form_printed = true;
        } else if (waiting_for(ctx, Screen::Printing, e->request)) {
            Session& s = ctx.session();
            // Only what was sent to print can come back printed (an application sends nothing to the A4
            // printer).
            if (e->printer == DeviceKind::A4Printer && s.certificate) s.certificate_printed = true;
            if (e->printer == DeviceKind::ReceiptPrinter) s.receipt_printed = true;
            maybe_done_printing(ctx);
        }
        return true;
    }
    if (const auto* e = std::get_if<DeviceFailed>(&event)) {
        if (ctx.state.session && e->request != 0 && e->request == ctx.session().form_request) {
            ctx.session().form_request = 0;  // the slip did not print; the citizen may try again
        } else if (waiting_for(ctx, Screen::Printing, e->request)) {
            on_print_fault(ctx, e->fault);
        } else if (waiting_for(ctx, Screen::ScanDocuments, e->request)) {
            on_scan_fault(ctx, e->fault);
        }
        return true;
    }
    return false;
}

}  // namespace hk::kiosk::detail
