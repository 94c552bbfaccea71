// One function per screen: what it says and which buttons it offers, given the state and device health.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/view.h"
#include "view_writer.h"

namespace hk::kiosk {
namespace {

using drivers::DeviceKind;
using view_detail::ViewWriter;

void attract(ViewWriter& w) {
    w.title("attract.title");
    for (Language language : kAllLanguages) w.line(std::string(text(language, "attract.touch")));
    w.button_id("start", "attract.start", true);
}

void language_choice(ViewWriter& w) {
    w.title("language.title");
    for (Language language : kAllLanguages) {
        w.button("lang:" + std::string(tag(language)), std::string(text(language, "language.name")), true);
    }
    w.cancel_button();
}

std::string kind_text_id(ServiceKind kind) {
    return "catalogue.kind." + std::string(to_string(kind));
}

// The grouped catalogue's first screen: a button per kind with several services, and the services alone of
// their kind.
void catalogue_groups_screen(ViewWriter& w, const std::vector<CatalogueChoice>& choices) {
    w.title("catalogue.title");
    const Catalogue& catalogue = w.engine().catalogue();
    for (const CatalogueChoice& choice : choices) {
        if (choice.service != nullptr) {
            w.button("service:" + choice.service->id, choice.service->name.in(w.language()), false,
                     w.engine().service_offered(w.state(), *choice.service));
            continue;
        }
        const auto services = services_of_kind(catalogue, choice.kind);
        const bool any_offered = std::ranges::any_of(services, [&](const Service* service) {
            return w.engine().service_offered(w.state(), *service);
        });
        w.button("kind:" + std::string(to_string(choice.kind)), w.t(kind_text_id(choice.kind)), false,
                 any_offered);
    }
    w.button_id("back", "button.back");
    w.cancel_button();
}

void catalogue(ViewWriter& w) {
    const std::vector<CatalogueChoice> choices = catalogue_groups(w.engine().catalogue());
    const std::optional<ServiceKind> kind = w.session().catalogue_kind;
    if (!choices.empty() && !kind) {
        catalogue_groups_screen(w, choices);
        return;
    }
    w.title("catalogue.title");
    std::vector<const Service*> services;
    if (!choices.empty()) {
        services = services_of_kind(w.engine().catalogue(), *kind);
        w.line_id(kind_text_id(*kind));  // which group this is; "back" returns to all of them
    } else {
        for (const Service& service : w.engine().catalogue().services) services.push_back(&service);
    }
    const CataloguePage page =
        catalogue_page(services.size(), w.session().catalogue_page, w.session().presentation.large_text);
    for (std::size_t i = page.first; i < page.first + page.count; ++i) {
        const Service& service = *services[i];
        w.button("service:" + service.id, service.name.in(w.language()), false,
                 w.engine().service_offered(w.state(), service));
    }
    if (page.pages > 1) {
        const std::size_t shown = page.page + 1;
        w.line(std::string(text(w.language(), "catalogue.page")) + " " + std::to_string(shown) + " / " +
               std::to_string(page.pages));
        w.button_id("catalogue:previous", "button.previous_page", false, shown > 1);
        w.button_id("catalogue:next", "button.next_page", false, shown < page.pages);
    }
    w.button_id("back", "button.back");
    w.cancel_button();
}

void notification_form(ViewWriter& w) {
    const Service& service = *w.service();
    w.title_text(service.name.in(w.language()));
    if (!service.what_to_bring.empty()) w.line_id("form.bring");
    for (const LocalisedText& item : service.what_to_bring) w.line("• " + item.in(w.language()));
    if (!service.available_here) w.line_id("form.not_here");
    if (w.session().form_printed) w.line_id("form.printed");
    if (service.available_here) w.button_id("continue", "button.continue", true);
    w.button_id("print_form", "button.print_form", false,
                w.state().devices.is_ready(DeviceKind::ReceiptPrinter) && w.session().form_request == 0);
    w.button_id("back", "button.back");
    w.cancel_button();
}

void for_whom(ViewWriter& w) {
    w.title("for_whom.title");
    w.line_id("for_whom.other_note");
    w.button_id("self", "button.self", true);
    w.button_id("other", "button.other", true);
    w.button_id("back", "button.back");
    w.cancel_button();
}

void identify_method(ViewWriter& w) {
    w.title(w.session().identifying == Role::Principal ? "identify.title_other" : "identify.title");
    w.hint();
    const auto& devices = w.state().devices;
    w.button_id("method:id_card", "button.id_card", true, devices.is_ready(DeviceKind::ResidentIdReader));
    w.button_id("method:passport", "button.passport", true,
                devices.is_ready(DeviceKind::DocumentScanner) && devices.is_ready(DeviceKind::ChipReader));
    w.button_id("back", "button.back");
    w.cancel_button();
}

void waiting_for_document(ViewWriter& w, std::string_view title_id) {
    w.title(title_id);
    if (w.state().screen == Screen::IdentifyCard) w.line_id("identify_card.keep");
    w.hint();
    w.tone(ui::Tone::Busy);
    w.button_id("back", "button.back");
    w.cancel_button();
}

void busy(ViewWriter& w, std::string_view title_id, bool can_cancel) {
    w.title(title_id);
    w.tone(ui::Tone::Busy);
    if (can_cancel) w.cancel_button();
}

void scan_documents(ViewWriter& w) {
    const Session& s = w.session();
    const auto& wanted = w.service()->documents_to_scan;
    w.title("scan.title");
    const std::size_t next = s.next_document(wanted.size());
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        std::string item = std::to_string(i + 1) + ". " + wanted[i].in(w.language());
        if (std::ranges::find(s.pages, static_cast<int>(i), &ScannedPageRef::document_index) != s.pages.end())
            item += w.t("scan.done_mark");
        w.line(std::move(item));
    }
    if (s.scanning && s.scan_preview) {
        // The document camera's live picture, and the one thing to do first to make it good (a blurred frame
        // also shows small text: "hold still" is what helps); nothing to do: it is being taken.
        w.photo(s.scan_preview);
        w.line(s.scan_hints.empty() ? w.t("scan.camera_taking") : w.t("hint." + s.scan_hints.front()));
        w.tone(ui::Tone::Busy);
    } else if (s.scanning) {
        w.line_id("scan.scanning");
        w.tone(ui::Tone::Busy);
    } else if (next < wanted.size()) {
        w.line(w.t("scan.next") + wanted[next].in(w.language()));
    }
    w.hint();
    const bool idle = !s.scanning;
    w.button_id("scan", "button.scan", true, idle && s.pages.size() < wanted.size());
    w.button_id("continue", "button.continue", true, idle && s.pages.size() == wanted.size());
    w.button_id("rescan", "button.rescan", false, idle && !s.pages.empty());
    w.cancel_button();
}

// One scanned document on the review screen: what was read off it, masked unless the citizen asked to see
// it, doubtful fields marked, and for a document with doubts "these are right" and "scan again".
void review_page(ViewWriter& w, const ScannedPageRef& page, double doubtful_below) {
    const Session& s = w.session();
    const auto& wanted = w.service()->documents_to_scan;
    const auto index = static_cast<std::size_t>(page.document_index);
    const std::string number = std::to_string(index + 1) + ". ";
    const std::string heading =
        number + (index < wanted.size() ? wanted[index].in(w.language()) : std::string());
    if (!page.read) {
        w.line(heading + w.t("review.reading"));
        return;
    }
    if (!page.document) {
        w.line(heading + w.t("review.not_recognised"));
        return;
    }
    // The document as recognised: what the citizen compares the fields with.
    w.line(number + page.document->name.in(w.language()));
    bool doubt = false;
    for (const ReadField& field : page.document->fields) {
        const std::string_view value = field.value.reveal();
        std::string item =
            "    " + field.label + ": " + (s.read_values_shown ? std::string(value) : mask_name(value));
        if (field.doubtful(doubtful_below)) {
            item += w.t(field.confirmed ? "review.confirmed_mark" : "review.doubtful_mark");
            doubt = doubt || !field.confirmed;
        }
        w.line(std::move(item));
    }
    if (doubt) {
        const std::string which = std::to_string(index + 1);
        w.button("fields_right:" + which, number + w.t("button.fields_right"));
        w.button("scan_again:" + which, number + w.t("button.scan_again"));
    }
}

void review(ViewWriter& w) {
    const Session& s = w.session();
    w.title("review.title");
    w.line(w.t("review.service") + w.service()->name.in(w.language()));
    const VerifiedIdentity& subject = *s.subject();
    w.line(w.t("review.name") + mask_name(subject.name.reveal()));
    const auto& number = subject.id_number.empty() ? subject.document_number : subject.id_number;
    w.line(w.t("review.id") + mask_number(number.reveal()));
    if (s.principal) w.line(w.t("review.agent") + mask_name(s.applicant->name.reveal()));
    // The face from the passport chip, so the citizen sees at a glance whose record this is.
    w.photo(s.principal ? s.principal_face : s.applicant_face);
    if (!s.pages.empty()) w.line(w.t("review.pages") + w.count(static_cast<long>(s.pages.size())));
    const double doubtful_below = w.engine().config().doubtful_confidence_below;
    for (const ScannedPageRef& page : s.pages) review_page(w, page, doubtful_below);
    const bool doubt = s.unconfirmed_doubt(doubtful_below);
    if (doubt) w.line_id("review.confirm_doubtful");
    const bool anything_read = std::ranges::any_of(
        s.pages, [](const ScannedPageRef& page) { return page.document && !page.document->fields.empty(); });
    w.button_id("confirm", "button.confirm", true, !doubt && !s.pages_being_read());
    if (anything_read) {
        if (s.read_values_shown) {
            w.button_id("hide_read", "button.hide_read");
        } else {
            w.button_id("show_read", "button.show_read");
        }
    }
    w.cancel_button();
}

void printing(ViewWriter& w) {
    const Session& s = w.session();
    w.title("printing.title");
    w.tone(ui::Tone::Busy);
    const int parts = s.certificate ? 2 : 1;
    const int done = (s.certificate_printed ? 1 : 0) + ((s.receipt_printed || s.receipt_failed) ? 1 : 0);
    w.progress(static_cast<double>(done) / parts);
}

void done(ViewWriter& w) {
    const Session& s = w.session();
    w.title("done.title");
    w.tone(ui::Tone::Success);
    if (s.certificate) {
        w.line_id("done.take");
        w.line(w.t("done.serial") + s.certificate->serial);
        if (!s.certificate->issued_on.empty()) w.line(w.t("done.issued") + w.date(s.certificate->issued_on));
    } else if (s.application) {
        w.line_id("done.filed");
        w.line(w.t("done.tracking") + s.application->tracking_number);
        w.line(w.t("done.days") + w.count(s.application->expected_working_days));
        // The tracking number as a QR code too: a phone's camera takes it home without a typing mistake.
        w.qr(s.application->tracking_number);
    }
    if (s.receipt_failed) w.line_id("done.no_receipt");
    w.button_id("finish", "button.finish", true);
}

void referral(ViewWriter& w) {
    const EligibilityAnswer& answer = *w.session().eligibility;
    w.title("referral.title");
    w.tone(ui::Tone::Warning);
    switch (answer.verdict) {
        case Verdict::PaperRecordsOnly:
            w.line_id("referral.paper");
            break;
        case Verdict::NoRecord:
            w.line_id("referral.no_record");
            break;
        default:
            w.line_id("referral.not_eligible");
            break;
    }
    if (answer.station) {
        w.line(answer.station->name);
        w.line(answer.station->address);
        if (!answer.station->hours.empty()) w.line(w.t("referral.hours") + answer.station->hours);
        if (!answer.station->phone.empty()) w.line(w.t("referral.phone") + answer.station->phone);
    }
    w.button_id("print_slip", "button.print_slip", false,
                answer.station.has_value() && w.state().devices.is_ready(DeviceKind::ReceiptPrinter) &&
                    w.session().form_request == 0);
    w.button_id("finish", "button.finish", true);
}

void tracking_entry(ViewWriter& w) {
    const Session& s = w.session();
    const std::size_t length = w.engine().config().tracking_number_length;
    w.title("tracking.title");
    // Tracking numbers are not secret: shown and spoken as typed, in the entry box only, so that the rest of
    // the screen stays the same while digits are typed (speech then says each digit, not the whole screen).
    w.entry(s.tracking_entry, false);
    w.digit_buttons();
    w.button_id("erase", "button.erase", false, !s.tracking_entry.empty());
    w.button_id("submit", "button.submit", true, s.tracking_entry.size() == length);
    w.button_id("back", "button.back");
}

void inquiry_result(ViewWriter& w) {
    const InquiryResult& result = *w.session().inquiry;
    w.title("inquiry.title");
    if (result.not_found) w.line_id("inquiry.not_found");
    if (result.status) {
        w.line(w.t("done.tracking") + result.status->tracking_number);
        w.line(w.t("status." + result.status->state));
        w.line(w.t("inquiry.updated") + w.date(result.status->updated_on));
    }
    for (const HandlingPoint& point : result.points) {
        char distance[32];
        std::snprintf(distance, sizeof distance, "%.1f km", point.distance_km);
        w.line(point.name + " · " + distance + " · " + w.t("inquiry.queue") + w.count(point.queue_length));
    }
    w.button_id("back", "button.back");
    w.button_id("finish", "button.finish", true);
}

void timeout_warning(ViewWriter& w) {
    const State& st = w.state();
    const auto left = w.engine().config().warning_period - (st.now - st.screen_since);
    w.title("timeout.title");
    w.line_id("timeout.note");
    w.tone(ui::Tone::Warning);
    w.countdown(static_cast<int>(std::ceil(static_cast<double>(std::max<long>(0, left.count())) / 1000.0)));
    w.button_id("more_time", "button.more_time", true);
    w.button_id("finish", "button.cancel");
}

std::string_view error_text_id(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::DeviceFailed:
            return "error.device";
        case ErrorKind::ReadFailedRepeatedly:
            return "error.read_repeatedly";
        case ErrorKind::SamePersonTwice:
            return "error.same_person";
        case ErrorKind::CentralFailed:
            return "error.central";
        case ErrorKind::CentralRejected:
            return "error.rejected";
        case ErrorKind::CertificateNotPrinted:
            return "error.not_printed";
        case ErrorKind::StepTimedOut:
            return "error.timeout";
        case ErrorKind::DocumentNotGenuine:
            return "error.not_genuine";
        case ErrorKind::NothingKeptForReprint:
            return "error.nothing_kept";
    }
    return "error.device";
}

void error(ViewWriter& w) {
    const ErrorInfo& info = *w.session().error;
    w.title("error.title");
    w.tone(ui::Tone::Error);
    w.line_id(error_text_id(info.kind));
    if (info.kind == ErrorKind::CertificateNotPrinted && w.session().certificate) {
        w.line(w.t("done.serial") + w.session().certificate->serial);
    }
    if (!info.fault_code.empty()) w.line(w.t("error.code") + info.fault_code);
    if (info.retry_screen) w.button_id("retry", "button.retry", true);
    w.button_id("finish", "button.finish", !info.retry_screen.has_value());
}

void out_of_service(ViewWriter& w, const State& state) {
    w.title("out_of_service.title");
    w.tone(ui::Tone::Error);
    // Taken out of service on purpose (a technician, or an update being installed): say it is temporary.
    if (state.maintenance_requested) {
        for (Language language : kAllLanguages)
            w.line(std::string(text(language, "out_of_service.maintenance")));
    } else if (state.closed_for_hours) {
        // Closed for the night (or the weekend): when it opens again, as each language writes the date.
        const std::string_view reopens = state.reopens;
        for (Language language : kAllLanguages) {
            std::string line(text(language, "out_of_service.closed"));
            if (reopens.size() == 16) {
                line += " " + format_date(language, reopens.substr(0, 10)) + " " +
                        std::string(reopens.substr(11));
            }
            w.line(line);
        }
    }
    for (Language language : kAllLanguages) w.line(std::string(text(language, "out_of_service.note")));
}

}  // namespace

ui::ViewModel build_view(const State& state, const SessionEngine& engine) {
    ViewWriter w(state, engine);
    switch (state.screen) {
        case Screen::OutOfService:
            out_of_service(w, state);
            break;
        case Screen::Attract:
            attract(w);
            break;
        case Screen::Language:
            language_choice(w);
            break;
        case Screen::Catalogue:
            catalogue(w);
            break;
        case Screen::NotificationForm:
            notification_form(w);
            break;
        case Screen::ForWhom:
            for_whom(w);
            break;
        case Screen::IdentifyMethod:
            identify_method(w);
            break;
        case Screen::IdentifyCard:
            waiting_for_document(w, "identify_card.title");
            break;
        case Screen::PassportMrz:
            waiting_for_document(w, "passport_mrz.title");
            break;
        case Screen::PassportChip:
            waiting_for_document(w, "passport_chip.title");
            break;
        case Screen::CheckingEligibility:
            busy(w, "checking.title", true);
            break;
        case Screen::ScanDocuments:
            scan_documents(w);
            break;
        case Screen::Review:
            review(w);
            break;
        case Screen::Issuing:
            busy(
                w,
                w.service()->kind == ServiceKind::Certificate ? "issuing.title" : "issuing.title_application",
                false);
            break;
        case Screen::Printing:
            printing(w);
            break;
        case Screen::Done:
            done(w);
            break;
        case Screen::Referral:
            referral(w);
            break;
        case Screen::TrackingEntry:
            tracking_entry(w);
            break;
        case Screen::Querying:
            busy(w, "querying.title", true);
            break;
        case Screen::InquiryResult:
            inquiry_result(w);
            break;
        case Screen::TimeoutWarning:
            timeout_warning(w);
            break;
        case Screen::Error:
            error(w);
            break;
        case Screen::ServicePin:
        case Screen::ServiceMenu:
        case Screen::ServiceWorking:
        case Screen::ServiceResult:
            view_detail::service_screen(w);
            break;
    }
    return w.take();
}

}  // namespace hk::kiosk
