#include "screen_routes.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/camera_page.h"
#include "app/face_photo.h"
#include "drivers/icao9303/test_document.h"
#include "kiosk/view.h"
#include "scanner/sim/camera_scene.h"
#include "simulated_devices.h"

namespace hk::ui_screens {
namespace {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;
using kiosk::Screen;
using kiosk::testing::Driver;

const std::string kTrackingNumber = "202611000017";

void to_scanning_with_one_page(Driver& d) {
    d.to_checking("household_book");
    d.answer_eligibility(kiosk::Verdict::Eligible);
    d.scan_one();
}

// The document camera's live picture of a register page still running off the top of the frame. Looked at
// once: every language, orientation and theme shows the same frame.
void to_camera_preview(Driver& d) {
    static const kiosk::CameraLook look = [] {
        return kiosk::look_at_frame(
            scanner::sim::laying_down_frames(kiosk::testing::wang_register_card(), 1600, 1200).front());
    }();
    d.to_checking("household_book");
    d.answer_eligibility(kiosk::Verdict::Eligible);
    d.tap("scan");
    d.apply(kiosk::ScanPreview{d.pending(), look.preview, look.hints});
}

void to_status_query(Driver& d) {
    d.to_tracking_entry();
    d.type(kTrackingNumber);
    d.tap("submit");
}

std::vector<Scene> build_scenes() {
    return {
        {"out_of_service", Screen::OutOfService, [](Driver& d) { d.device(DeviceKind::A4Printer, false); }},
        {"attract", Screen::Attract, [](Driver&) {}},
        {"language", Screen::Language, [](Driver& d) { d.tap("start"); }},
        {"catalogue", Screen::Catalogue, [](Driver& d) { d.to_catalogue(); }},
        // The grouped catalogue's largest group, with the longest names.
        {"catalogue-applications", Screen::Catalogue,
         [](Driver& d) {
             d.to_catalogue();
             d.tap("kind:application");
         }},
        // The application's form has the longest list of what to bring.
        {"notification_form", Screen::NotificationForm, [](Driver& d) { d.to_form("household_book"); }},
        {"for_whom", Screen::ForWhom,
         [](Driver& d) {
             d.to_form("proof_of_family_relationship");
             d.tap("continue");
         }},
        {"identify_method", Screen::IdentifyMethod, [](Driver& d) { d.to_identify_method(); }},
        {"identify_card", Screen::IdentifyCard, [](Driver& d) { d.to_identify_card(); }},
        {"passport_mrz", Screen::PassportMrz,
         [](Driver& d) {
             d.to_identify_method();
             d.tap("method:passport");
         }},
        {"passport_chip", Screen::PassportChip,
         [](Driver& d) {
             d.to_identify_method();
             d.tap("method:passport");
             d.apply(kiosk::MrzRead{d.pending(), kiosk::sim::passport_mrz(Driver::person(3))});
         }},
        {"checking_eligibility", Screen::CheckingEligibility, [](Driver& d) { d.to_checking(); }},
        {"scan_documents", Screen::ScanDocuments, to_scanning_with_one_page},
        {"scan_documents-camera", Screen::ScanDocuments, to_camera_preview},
        {"review", Screen::Review, [](Driver& d) { d.to_review(); }},
        {"issuing", Screen::Issuing, [](Driver& d) { d.to_issuing(); }},
        {"printing", Screen::Printing, [](Driver& d) { d.to_printing(); }},
        {"done", Screen::Done, [](Driver& d) { d.to_done(); }},
        {"referral", Screen::Referral, [](Driver& d) { d.to_referral(); }},
        {"tracking_entry", Screen::TrackingEntry,
         [](Driver& d) {
             d.to_tracking_entry();
             d.type(kTrackingNumber.substr(0, 7));
         }},
        {"querying", Screen::Querying, to_status_query},
        {"inquiry_result", Screen::InquiryResult,
         [](Driver& d) {
             to_status_query(d);
             d.apply(kiosk::StatusAnswered{d.pending(), {kTrackingNumber, "under_review", "2026-11-18"}});
         }},
        {"timeout_warning", Screen::TimeoutWarning,
         [](Driver& d) {
             d.to_review();
             d.advance(d.engine.config().idle_timeout);
         }},
        // The printer ran out of paper after the certificate was issued: it is kept for reprint.
        {"error", Screen::Error,
         [](Driver& d) {
             d.to_printing();
             d.apply(kiosk::DeviceFailed{d.pending(),
                                         DeviceFault{DeviceKind::A4Printer, FaultKind::PaperOut, "test"}});
         }},
        // Variants whose content differs enough to be worth their own screenshots.
        {"done-application", Screen::Done,
         [](Driver& d) {
             d.to_issuing("household_book");
             d.apply(kiosk::ApplicationFiled{d.pending(), kiosk::ApplicationReceipt{"202611000500", 5}});
             d.apply(kiosk::PrintFinished{d.pending(), DeviceKind::ReceiptPrinter});
         }},
        {"inquiry_result-points", Screen::InquiryResult,
         [](Driver& d) {
             d.to_form("handling_points");
             d.apply(kiosk::HandlingPointsAnswered{
                 d.pending(),
                 {{"东华门派出所", "东城区东华门大街33号", 1.6, 1}, {"景山派出所", "景山东街12号", 2.4, 6}}});
         }},
        {"service_pin", Screen::ServicePin,
         [](Driver& d) {
             d.to_service_pin();
             d.type("24");
         }},
        {"service_menu", Screen::ServiceMenu, [](Driver& d) { d.to_service_menu(); }},
        {"service_working", Screen::ServiceWorking,
         [](Driver& d) {
             d.to_service_menu();
             d.tap("service:selftest");
         }},
        {"service_result", Screen::ServiceResult,
         [](Driver& d) {
             d.to_service_result("status", true,
                                 "kiosk kiosk-test version 0.9.0: in service, screen attract, idle, up 42 s\n"
                                 "  a4_printer          ready    -       simulated\n"
                                 "  receipt_printer     ready    -       simulated\n");
         }},
        // A passport holder: the face from the chip on the review screen.
        {"review-passport", Screen::Review,
         [](Driver& d) {
             d.to_identify_method();
             d.tap("method:passport");
             d.apply(kiosk::MrzRead{d.pending(), kiosk::sim::passport_mrz(Driver::person(3))});
             drivers::ChipDocument chip = kiosk::sim::passport_chip(Driver::person(3));
             chip.face_image = drivers::icao9303::testdoc::make_face_image(
                 drivers::icao9303::FaceImageFormat::Jpeg, 15'000, 240, 320);
             auto face = kiosk::face_photo(chip);
             d.apply(kiosk::ChipRead{d.pending(), std::move(chip), std::move(face)});
             d.answer_eligibility(kiosk::Verdict::Eligible);
         }},
        // What was read off a scanned household register page, masked, with a doubtful ID number to confirm.
        {"review-read-document", Screen::Review,
         [](Driver& d) {
             d.to_checking("household_book");
             d.answer_eligibility(kiosk::Verdict::Eligible);
             d.scan_one(Driver::register_page(true));
             d.tap("continue");
         }},
        {"error-retry", Screen::Error,
         [](Driver& d) {
             d.to_checking();
             d.apply(kiosk::CentralFailed{d.pending(), {kiosk::CentralErrorKind::Unreachable, "test"}});
         }},
    };
}

}  // namespace

const std::vector<Scene>& every_scene() {
    static const std::vector<Scene> scenes = build_scenes();
    return scenes;
}

std::vector<kiosk::Screen> screens_without_scene(const std::vector<Scene>& scenes) {
    std::vector<kiosk::Screen> missing;
    for (int i = 0; i < kiosk::kScreenCount; ++i) {
        const auto screen = static_cast<kiosk::Screen>(i);
        const bool reached =
            std::ranges::any_of(scenes, [screen](const Scene& scene) { return scene.screen == screen; });
        if (!reached) missing.push_back(screen);
    }
    return missing;
}

ui::ViewModel view_of(const Scene& scene, kiosk::Language language, Theme theme) {
    kiosk::EngineConfig config;
    config.default_language = language;  // what attract and out of service speak before anyone chooses
    Driver d(kiosk::testing::with_technician_cards(config));
    scene.reach(d);
    EXPECT_EQ(kiosk::to_string(d.screen()), kiosk::to_string(scene.screen)) << "scene " << scene.name;
    if (d.state.session) {
        // The driver's routes choose Chinese on the language screen; the toolbar switches exactly this.
        d.state.session->language = language;
        d.state.session->presentation = presentation_for(theme, d.state.session->presentation);
    }
    ui::ViewModel view = kiosk::build_view(d.state, d.engine);
    // Attract and out of service have no session to keep a presentation in.
    view.presentation = presentation_for(theme, view.presentation);
    return view;
}

}  // namespace hk::ui_screens
