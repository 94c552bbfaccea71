// What each tap means on each screen. Taps that the screen does not offer (a stale tap, a disabled option)
// are ignored rather than trusted: the view greys options out, but the engine is the one that enforces.
#include <algorithm>
#include <charconv>
#include <string_view>

#include "step_context.h"

namespace hk::kiosk::detail {
namespace {

using drivers::DeviceKind;

bool starts_with(std::string_view text, std::string_view prefix, std::string_view* rest) {
    if (!text.starts_with(prefix)) return false;
    *rest = text.substr(prefix.size());
    return true;
}

// Screens where the citizen may walk away with "cancel" (not while issuing or printing: the certificate is
// coming).
bool cancellable(Screen screen) {
    return is_interactive(screen) || screen == Screen::CheckingEligibility || screen == Screen::Querying ||
           screen == Screen::TimeoutWarning || screen == Screen::Done;
}

void choose_service(StepContext& ctx, std::string_view id) {
    const Service* service = ctx.engine.catalogue().find(id);
    if (service == nullptr || !ctx.engine.service_offered(ctx.state, *service)) return;
    Session& s = ctx.session();
    s.service_id = service->id;
    s.tracking_entry.clear();
    s.inquiry.reset();
    switch (service->kind) {
        case ServiceKind::Certificate:
        case ServiceKind::Application:
        case ServiceKind::Reprint:
            ctx.enter(Screen::NotificationForm);
            break;
        case ServiceKind::StatusInquiry:
            ctx.enter(Screen::TrackingEntry);
            break;
        case ServiceKind::HandlingPoints:
            ctx.enter(Screen::Querying);
            break;
    }
}

void choose_for_whom(StepContext& ctx, bool someone_else) {
    Session& s = ctx.session();
    s.for_someone_else = someone_else;
    s.identifying = Role::Applicant;
    s.applicant.reset();
    s.principal.reset();
    ctx.enter(Screen::IdentifyMethod);
}

bool identify_method_ready(const State& state, std::string_view method) {
    if (method == "id_card") return state.devices.is_ready(DeviceKind::ResidentIdReader);
    if (method == "passport") {
        return state.devices.is_ready(DeviceKind::DocumentScanner) &&
               state.devices.is_ready(DeviceKind::ChipReader);
    }
    return false;
}

void print_slip(StepContext& ctx, ReceiptKind kind) {
    Session& s = ctx.session();
    if (s.form_request != 0 || !ctx.state.devices.is_ready(DeviceKind::ReceiptPrinter)) return;
    s.form_request =
        ctx.state.next_request++;  // printed alongside the screen; the screen does not wait for it
    std::optional<Station> station;
    if (s.eligibility) station = s.eligibility->station;
    ctx.emit(PrintReceipt{s.form_request, kind, s.language, s.service_id, {}, station, {}});
}

void resume_after_warning(StepContext& ctx) {
    const Screen back = ctx.state.warned_from.value_or(Screen::Catalogue);
    ctx.state.warned_from.reset();
    // Re-entering re-issues the screen's read, which the warning had cancelled.
    ctx.enter(back);
}

// The catalogue: a grouped one's first screen opens a kind's services ("kind:certificate"), and "back" from
// there returns to it; otherwise "back" returns to the choice of language. Services are chosen from either.
bool on_catalogue_action(StepContext& ctx, std::string_view action) {
    Session& s = ctx.session();
    const bool grouped = !catalogue_groups(ctx.engine.catalogue()).empty();
    std::string_view rest;
    if (action == "back") {
        if (grouped && s.catalogue_kind) {
            s.catalogue_kind.reset();
            s.catalogue_page = 0;
        } else {
            ctx.enter(Screen::Language);
        }
        return true;
    }
    if (starts_with(action, "kind:", &rest)) {
        const auto kind = service_kind_from_string(rest);
        if (!grouped || s.catalogue_kind || !kind ||
            services_of_kind(ctx.engine.catalogue(), *kind).size() < 2)
            return false;
        s.catalogue_kind = *kind;
        s.catalogue_page = 0;
        return true;
    }
    if (action == "catalogue:next" || action == "catalogue:previous") {
        if (grouped && !s.catalogue_kind) return false;  // the first screen has a button per kind: no pages
        const std::size_t count = grouped ? services_of_kind(ctx.engine.catalogue(), *s.catalogue_kind).size()
                                          : ctx.engine.catalogue().services.size();
        // Turn from the page on screen: the text size may have changed the page count since.
        const CataloguePage shown = catalogue_page(count, s.catalogue_page, s.presentation.large_text);
        const bool next = action == "catalogue:next";
        if (next ? shown.page + 1 >= shown.pages : shown.page == 0) return false;
        s.catalogue_page = next ? shown.page + 1 : shown.page - 1;
        return true;
    }
    if (!starts_with(action, "service:", &rest)) return false;
    choose_service(ctx, rest);
    return true;
}

bool on_scan_action(StepContext& ctx, std::string_view action) {
    Session& s = ctx.session();
    const std::size_t wanted = ctx.service().documents_to_scan.size();
    if (action == "scan" && !s.scanning && s.pages.size() < wanted) {
        s.scanning = true;
        s.hint.reset();
        ctx.emit(ScanPage{ctx.start_request()});
        return true;
    }
    if (action == "rescan" && !s.scanning && !s.pages.empty()) {
        s.pages.pop_back();
        return true;
    }
    if (action == "continue" && !s.scanning && s.pages.size() == wanted) {
        ctx.enter(Screen::Review);
        return true;
    }
    return false;
}

// The page of document `index` ("2" in "fields_right:2", counted from 1 as the screen shows it), if scanned.
ScannedPageRef* page_of_document(Session& s, std::string_view index) {
    if (index.size() != 1 || index[0] < '1' || index[0] > '9') return nullptr;
    const int document = index[0] - '1';
    const auto page = std::ranges::find(s.pages, document, &ScannedPageRef::document_index);
    return page == s.pages.end() ? nullptr : &*page;
}

// What was read off the pages is checked here: nothing goes out while a page is still being read or a
// doubtful field (invalid, or read with low confidence) is unconfirmed; "scan again" replaces the page.
bool on_review_action(StepContext& ctx, std::string_view action) {
    Session& s = ctx.session();
    const double doubtful_below = ctx.config().doubtful_confidence_below;
    std::string_view rest;
    if (action == "confirm") {
        if (s.pages_being_read() || s.unconfirmed_doubt(doubtful_below)) return false;
        ctx.enter(Screen::Issuing);
        return true;
    }
    if (action == "show_read" || action == "hide_read") {
        s.read_values_shown = action == "show_read";
        return true;
    }
    if (starts_with(action, "fields_right:", &rest)) {
        ScannedPageRef* page = page_of_document(s, rest);
        if (page == nullptr || !page->document) return false;
        for (ReadField& field : page->document->fields) {
            if (field.doubtful(doubtful_below)) field.confirmed = true;
        }
        return true;
    }
    if (starts_with(action, "scan_again:", &rest)) {
        ScannedPageRef* page = page_of_document(s, rest);
        if (page == nullptr) return false;
        if (page->document) page->document->wipe();
        s.pages.erase(s.pages.begin() + (page - s.pages.data()));
        ctx.enter(Screen::ScanDocuments);
        return true;
    }
    return false;
}

bool on_keypad(StepContext& ctx, std::string_view action) {
    Session& s = ctx.session();
    if (edit_entry(s.tracking_entry, action, ctx.config().tracking_number_length)) return true;
    if (action == "submit" && s.tracking_entry.size() == ctx.config().tracking_number_length) {
        ctx.enter(Screen::Querying);
        return true;
    }
    if (action == "back") {
        ctx.enter(Screen::Catalogue);
        return true;
    }
    return false;
}

bool on_screen_action(StepContext& ctx, std::string_view action) {
    State& st = ctx.state;
    std::string_view rest;
    switch (st.screen) {
        case Screen::Attract:
            if (action != "start") return false;
            ctx.start_session();
            return true;
        case Screen::Language:
            if (!starts_with(action, "lang:", &rest)) return false;
            if (auto language = language_from_tag(rest)) {
                ctx.session().language = *language;
                ctx.enter(Screen::Catalogue);
                return true;
            }
            return false;
        case Screen::Catalogue:
            return on_catalogue_action(ctx, action);
        case Screen::NotificationForm:
            if (action == "continue" && ctx.service().available_here) {
                if (ctx.service().allows_agent) {
                    ctx.enter(Screen::ForWhom);
                } else {
                    choose_for_whom(ctx, false);
                }
                return true;
            }
            if (action == "print_form") {
                print_slip(ctx, ReceiptKind::NotificationForm);
                return true;
            }
            if (action == "back") {
                ctx.enter(Screen::Catalogue);
                return true;
            }
            return false;
        case Screen::ForWhom:
            if (action == "self" || action == "other") {
                choose_for_whom(ctx, action == "other");
                return true;
            }
            if (action == "back") {
                ctx.enter(Screen::NotificationForm);
                return true;
            }
            return false;
        case Screen::IdentifyMethod:
            if (starts_with(action, "method:", &rest) && identify_method_ready(st, rest)) {
                ctx.session().read_attempts = 0;
                ctx.enter(rest == "id_card" ? Screen::IdentifyCard : Screen::PassportMrz);
                return true;
            }
            if (action == "back") {
                // Starting identification over: whoever was identified so far is forgotten.
                ctx.session().applicant.reset();
                ctx.session().principal.reset();
                ctx.session().identifying = Role::Applicant;
                ctx.enter(ctx.service().allows_agent ? Screen::ForWhom : Screen::NotificationForm);
                return true;
            }
            return false;
        case Screen::IdentifyCard:
        case Screen::PassportMrz:
            if (action != "back") return false;
            ctx.enter(Screen::IdentifyMethod);
            return true;
        case Screen::PassportChip:
            if (action != "back") return false;
            ctx.enter(Screen::PassportMrz);
            return true;
        case Screen::ScanDocuments:
            return on_scan_action(ctx, action);
        case Screen::Review:
            return on_review_action(ctx, action);
        case Screen::Referral:
            if (action != "print_slip") return false;
            print_slip(ctx, ReceiptKind::Referral);
            return true;
        case Screen::TrackingEntry:
            return on_keypad(ctx, action);
        case Screen::InquiryResult:
            if (action != "back") return false;
            ctx.enter(Screen::Catalogue);
            return true;
        case Screen::TimeoutWarning:
            if (action != "more_time") return false;
            resume_after_warning(ctx);
            return true;
        case Screen::Error: {
            const auto& error = ctx.session().error;
            if (action != "retry" || !error || !error->retry_screen) return false;
            const Screen retry = *error->retry_screen;
            ctx.session().error.reset();
            ctx.session().read_attempts = 0;
            ctx.enter(retry);
            return true;
        }
        default:
            return false;
    }
}

}  // namespace

bool edit_entry(std::string& entry, std::string_view action, std::size_t max_length) {
    std::string_view digit;
    if (starts_with(action, "digit:", &digit)) {
        if (digit.size() != 1 || digit[0] < '0' || digit[0] > '9') return false;
        if (entry.size() >= max_length) return false;
        entry.push_back(digit[0]);
        return true;
    }
    if (action == "erase" && !entry.empty()) {
        entry.pop_back();
        return true;
    }
    return false;
}

bool on_user_action(StepContext& ctx, const std::string& action) {
    const Screen screen = ctx.state.screen;
    if (is_service_screen(screen)) return on_service_action(ctx, action);
    if (on_presentation_action(ctx, action)) return true;
    if (ctx.state.session && (action == "cancel" || action == "finish") && cancellable(screen)) {
        ctx.end_session();
        return true;
    }
    return on_screen_action(ctx, action);
}

}  // namespace hk::kiosk::detail
