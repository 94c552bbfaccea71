#include "kiosk/session/state.h"

#include <algorithm>
#include <array>

namespace hk::kiosk {

std::string_view to_string(Screen screen) {
    static constexpr std::array<std::string_view, kScreenCount> kNames = {"out_of_service",
                                                                          "attract",
                                                                          "language",
                                                                          "catalogue",
                                                                          "notification_form",
                                                                          "for_whom",
                                                                          "identify_method",
                                                                          "identify_card",
                                                                          "passport_mrz",
                                                                          "passport_chip",
                                                                          "checking_eligibility",
                                                                          "scan_documents",
                                                                          "review",
                                                                          "issuing",
                                                                          "printing",
                                                                          "done",
                                                                          "referral",
                                                                          "tracking_entry",
                                                                          "querying",
                                                                          "inquiry_result",
                                                                          "timeout_warning",
                                                                          "error",
                                                                          "service_pin",
                                                                          "service_menu",
                                                                          "service_working",
                                                                          "service_result"};
    return kNames.at(static_cast<std::size_t>(screen));
}

void Session::wipe() noexcept {
    if (applicant) applicant->wipe();
    if (principal) principal->wipe();
    if (certificate) certificate->wipe();
    if (chip_key) {
        chip_key->document_number.wipe();
        chip_key->birth_date.wipe();
        chip_key->expiry_date.wipe();
    }
    drivers::wipe_bytes(tracking_entry.data(), tracking_entry.size());
    tracking_entry.clear();
    applicant_face.reset();
    principal_face.reset();
    for (ScannedPageRef& page : pages) {
        if (page.document) page.document->wipe();
    }
    pages.clear();
}

void ReadDocument::wipe() noexcept {
    for (ReadField& field : fields) field.value.wipe();
    fields.clear();
}

std::size_t Session::next_document(std::size_t wanted) const {
    for (std::size_t index = 0; index < wanted; ++index) {
        const bool scanned = std::ranges::any_of(pages, [&](const ScannedPageRef& page) {
            return page.document_index == static_cast<int>(index);
        });
        if (!scanned) return index;
    }
    return wanted;
}

bool Session::pages_being_read() const {
    return std::ranges::any_of(pages, [](const ScannedPageRef& page) { return !page.read; });
}

bool Session::unconfirmed_doubt(double confidence_below) const {
    return std::ranges::any_of(pages, [&](const ScannedPageRef& page) {
        return page.document && std::ranges::any_of(page.document->fields, [&](const ReadField& field) {
                   return field.doubtful(confidence_below) && !field.confirmed;
               });
    });
}

void ServiceVisit::wipe() noexcept {
    drivers::wipe_bytes(pin_entry.data(), pin_entry.size());
    pin_entry.clear();
}

bool DeviceHealth::can_serve() const {
    using drivers::DeviceKind;
    const bool can_identify = is_ready(DeviceKind::ResidentIdReader) ||
                              (is_ready(DeviceKind::ChipReader) && is_ready(DeviceKind::DocumentScanner));
    return is_ready(DeviceKind::A4Printer) && can_identify;
}

bool is_service_screen(Screen screen) {
    return screen == Screen::ServicePin || screen == Screen::ServiceMenu ||
           screen == Screen::ServiceWorking || screen == Screen::ServiceResult;
}

namespace {

bool is_outside_session(Screen screen) {
    return screen == Screen::Attract || screen == Screen::OutOfService || is_service_screen(screen);
}

bool after_identification(Screen screen) {
    switch (screen) {
        case Screen::CheckingEligibility:
        case Screen::ScanDocuments:
        case Screen::Review:
        case Screen::Issuing:
        case Screen::Printing:
        case Screen::Done:
            return true;
        default:
            return false;
    }
}

}  // namespace

std::vector<std::string> check_invariants(const State& state) {
    std::vector<std::string> broken;
    auto require = [&broken](bool ok, const char* rule) {
        if (!ok) broken.emplace_back(rule);
    };
    const Screen screen = state.screen;
    require(is_outside_session(screen) == !state.session.has_value(),
            "a session exists exactly on the screens between start and wipe");
    require(state.pending_request < state.next_request, "pending request was issued");
    require((screen == Screen::TimeoutWarning) == state.warned_from.has_value(),
            "the timeout warning knows where to return, and only it");
    if (screen == Screen::OutOfService) {
        require(!state.devices.can_serve() || state.withdrawn_from_service(),
                "out of service only for a reason");
    }
    if (state.session) {
        const auto& pages = state.session->pages;
        require(std::ranges::adjacent_find(pages, std::ranges::greater_equal{},
                                           &ScannedPageRef::document_index) == pages.end(),
                "scanned pages are kept in document order, one page a document");
    }
    require(is_service_screen(screen) == state.service_visit.has_value(),
            "a technician's visit exists exactly on the service screens");
    if (state.service_visit && screen != Screen::ServicePin) {
        require(state.service_visit->signed_in, "past the PIN screen only with the PIN accepted");
    }
    if (!state.session) return broken;

    const Session& s = *state.session;
    if (after_identification(screen)) {
        require(s.applicant.has_value(), "identified before eligibility");
        require(!s.for_someone_else || s.principal.has_value(),
                "both people identified when acting for another");
    }
    require(!s.principal || s.for_someone_else, "a principal only when acting for another");
    require(!s.principal || !s.applicant || !(*s.principal == *s.applicant),
            "principal and applicant differ");
    if (screen == Screen::Review || screen == Screen::Issuing || screen == Screen::ScanDocuments) {
        require(s.eligibility && s.eligibility->verdict == Verdict::Eligible,
                "eligible before review and issuing");
    }
    if (screen == Screen::Printing) require(s.certificate || s.application, "something to print");
    if (screen == Screen::Done) {
        require((s.certificate && s.certificate_printed) || s.application.has_value(),
                "done only with a printed certificate or a filed application");
    }
    if (screen == Screen::Referral) {
        require(s.eligibility && s.eligibility->verdict != Verdict::Eligible,
                "referral only when not eligible");
    }
    if (screen == Screen::InquiryResult) require(s.inquiry.has_value(), "an inquiry result to show");
    if (screen == Screen::Error) require(s.error.has_value(), "an error to explain");
    if (screen == Screen::PassportChip) require(s.chip_key.has_value(), "a key to open the chip");
    require(!s.scanning || screen == Screen::ScanDocuments, "scanning only on the scan screen");
    require(s.certificate_printed <= s.certificate.has_value(), "printed only an issued certificate");
    return broken;
}

}  // namespace hk::kiosk
