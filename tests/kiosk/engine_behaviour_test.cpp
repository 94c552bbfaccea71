// The session engine's promises that a single transition row cannot show: idempotency across retries, who is
// the subject when acting for someone else, what the wipe leaves behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "engine_driver.h"
#include "kiosk/view.h"

namespace hk::kiosk::testing {
namespace {

using drivers::DeviceKind;

TEST(EngineBehaviour, RetryingIssuingReusesTheIdempotencyKey) {
    Driver d;
    d.to_issuing();
    const std::string first = d.find_command<IssueCertificate>()->certificate.idempotency_key;
    d.apply(CentralFailed{d.pending(), {CentralErrorKind::Timeout, ""}});
    ASSERT_EQ(d.screen(), Screen::Error);
    d.tap("retry");
    ASSERT_NE(d.find_command<IssueCertificate>(), nullptr);
    EXPECT_EQ(d.find_command<IssueCertificate>()->certificate.idempotency_key, first);
}

TEST(EngineBehaviour, EachSessionAndEachBootGetsItsOwnKey) {
    Driver d;
    d.to_issuing();
    const std::string first = d.find_command<IssueCertificate>()->certificate.idempotency_key;
    d.apply(CentralFailed{d.pending(), {CentralErrorKind::Rejected, ""}});
    d.tap("finish");
    d.to_issuing();
    const std::string second = d.find_command<IssueCertificate>()->certificate.idempotency_key;
    EXPECT_NE(first, second);

    Driver other_boot;
    other_boot.state.boot_id = "another";
    other_boot.to_issuing();
    EXPECT_NE(other_boot.find_command<IssueCertificate>()->certificate.idempotency_key, first);
}

TEST(EngineBehaviour, ActingForSomeoneElseMakesThemTheSubjectAndTheActorTheAgent) {
    Driver d;
    d.to_identify_card("proof_of_family_relationship", /*other=*/true);
    d.present_card(1);  // the person at the kiosk
    ASSERT_EQ(d.screen(), Screen::IdentifyMethod);
    d.tap("method:id_card");
    d.present_card(0);  // the person they act for
    ASSERT_EQ(d.screen(), Screen::CheckingEligibility);
    const auto* check = d.find_command<CheckEligibility>();
    ASSERT_NE(check, nullptr);
    EXPECT_EQ(check->subject.id_number.reveal(), Driver::person(0).id_number);
    d.answer_eligibility(Verdict::Eligible);
    d.tap("confirm");
    const auto* issue = d.find_command<IssueCertificate>();
    ASSERT_NE(issue, nullptr);
    EXPECT_EQ(issue->certificate.subject.id_number.reveal(), Driver::person(0).id_number);
    ASSERT_TRUE(issue->certificate.agent.has_value());
    EXPECT_EQ(issue->certificate.agent->id_number.reveal(), Driver::person(1).id_number);
}

TEST(EngineBehaviour, ChipIsOpenedWithTheKeyFromTheScannedMrz) {
    Driver d;
    d.to_identify_method();
    d.tap("method:passport");
    d.apply(MrzRead{d.pending(), sim::passport_mrz(Driver::person(5))});
    const auto* read = d.find_command<ReadChip>();
    ASSERT_NE(read, nullptr);
    EXPECT_EQ(read->key.document_number.reveal(), Driver::person(5).passport->document_number);
    EXPECT_EQ(read->key.birth_date.reveal(), "900720");
    EXPECT_EQ(read->key.expiry_date.reveal(), "340815");
}

TEST(EngineBehaviour, ReceiptCarriesTheCertificateSerialInTheCitizensLanguage) {
    Driver d;
    d.tap("start");
    d.tap("lang:ko");
    d.tap("service:proof_of_family_relationship");
    d.tap("continue");
    d.tap("self");
    d.tap("method:id_card");
    d.present_card(0);
    d.answer_eligibility(Verdict::Eligible);
    d.tap("confirm");
    d.apply(CertificateIssued{d.pending(), Driver::certificate("HK2026000042")});
    const auto* receipt = d.find_command<PrintReceipt>();
    ASSERT_NE(receipt, nullptr);
    EXPECT_EQ(receipt->reference, "HK2026000042");
    EXPECT_EQ(receipt->language, Language::Korean);
    EXPECT_EQ(d.find_command<PrintCertificate>()->certificate.serial, "HK2026000042");
    // The holder's number, masked: its ends only.
    const std::string number(sim::resident_id_card(d.person(0)).id_number.reveal());
    EXPECT_EQ(receipt->holder_number_masked, mask_number(number));
    EXPECT_EQ(receipt->holder_number_masked.find(number.substr(6, 8)), std::string::npos);
}

TEST(EngineBehaviour, AReprintAsksTheJournalForTheHoldersKeptCertificateAndPrintsIt) {
    Driver d;
    d.to_checking("certificate_reprint");
    const auto* find = d.find_command<FindKeptCertificate>();
    ASSERT_NE(find, nullptr);
    EXPECT_EQ(d.find_command<CheckEligibility>(), nullptr) << "the certificate exists: no central call";
    EXPECT_EQ(find->holder.id_number, sim::resident_id_card(d.person(0)).id_number);
    d.apply(KeptCertificateFound{d.pending(), Driver::certificate("HK2026000042")});
    EXPECT_EQ(d.screen(), Screen::Printing);
    ASSERT_NE(d.find_command<PrintCertificate>(), nullptr);
    EXPECT_EQ(d.find_command<PrintCertificate>()->certificate.serial, "HK2026000042");
    EXPECT_EQ(d.find_command<PrintReceipt>()->reference, "HK2026000042");
}

TEST(EngineBehaviour, AReprintWithNothingKeptSaysSoAndWhereToGo) {
    Driver d;
    d.to_checking("certificate_reprint");
    d.apply(KeptCertificateFound{d.pending(), std::nullopt});
    EXPECT_EQ(d.screen(), Screen::Error);
    EXPECT_EQ(d.session().error->kind, ErrorKind::NothingKeptForReprint);
    EXPECT_FALSE(d.session().error->retry_screen.has_value());
}

TEST(EngineBehaviour, AReprintIsForTheHolderOnly) {
    Driver d;
    d.to_form("certificate_reprint");
    d.tap("continue");
    EXPECT_EQ(d.screen(), Screen::IdentifyMethod) << "no one may collect someone else's certificate";
}

TEST(EngineBehaviour, FinishingLeavesNoSessionAndAskedForTheWipe) {
    Driver d;
    d.to_done();
    ASSERT_TRUE(d.session().certificate.has_value());
    d.tap("finish");
    EXPECT_FALSE(d.state.session.has_value());
    EXPECT_NE(d.find_command<WipePersonalData>(), nullptr);
}

TEST(EngineBehaviour, SessionWipeZeroesTheIdentityBuffers) {
    Session session;
    session.applicant = VerifiedIdentity{};
    session.applicant->name = PersonalString("王小明");
    session.applicant->id_number = PersonalString(Driver::person(0).id_number);
    session.tracking_entry = "202611000017";
    session.wipe();
    EXPECT_TRUE(session.applicant->name.empty());
    EXPECT_TRUE(session.applicant->id_number.empty());
    EXPECT_TRUE(session.tracking_entry.empty());
}

TEST(EngineBehaviour, StalePrintResultOfAnEarlierSessionIsIgnored) {
    Driver d;
    d.to_printing();
    const auto old_request = d.pending();
    d.apply(DeviceFailed{old_request, {DeviceKind::A4Printer, drivers::FaultKind::PaperJam, ""}});
    d.tap("finish");
    d.to_printing();
    d.apply(PrintFinished{old_request, DeviceKind::A4Printer});
    EXPECT_FALSE(d.session().certificate_printed);
}

TEST(EngineBehaviour, MaintenanceWaitsForTheCitizenToFinish) {
    Driver d;
    d.to_review();
    d.apply(MaintenanceRequested{true});
    EXPECT_EQ(d.screen(), Screen::Review);
    d.tap("cancel");
    EXPECT_EQ(d.screen(), Screen::OutOfService);
}

TEST(EngineBehaviour, ClosingTimeWaitsForTheCitizenAndTheScreenSaysWhenItOpens) {
    Driver d;
    d.to_review();
    d.apply(OpeningHoursChanged{false, "2026-11-24 08:00"});
    EXPECT_EQ(d.screen(), Screen::Review) << "a citizen being served at closing time finishes";
    d.tap("cancel");
    ASSERT_EQ(d.screen(), Screen::OutOfService);
    const ui::ViewModel view = build_view(d.state, d.engine);
    bool told = false;
    for (const std::string& line : view.lines)
        told = told || line.find("24 November 2026 08:00") != std::string::npos;
    EXPECT_TRUE(told) << "the English line gives the day and time it opens again";
    d.apply(MaintenanceRequested{true});
    d.apply(OpeningHoursChanged{true, ""});
    EXPECT_EQ(d.screen(), Screen::OutOfService) << "opening time does not end a technician's maintenance";
    d.apply(MaintenanceRequested{false});
    EXPECT_EQ(d.screen(), Screen::Attract);
}

TEST(EngineBehaviour, MoreTimeAfterAWarningResetsTheIdleClock) {
    Driver d;
    d.to_review();
    d.advance(d.engine.config().idle_timeout);
    ASSERT_EQ(d.screen(), Screen::TimeoutWarning);
    d.tap("more_time");
    ASSERT_EQ(d.screen(), Screen::Review);
    d.advance(d.engine.config().idle_timeout - Millis(1));
    EXPECT_EQ(d.screen(), Screen::Review);
}

TEST(EngineBehaviour, ApplicationAttachesEveryScannedPage) {
    Driver d;
    d.to_issuing("relocation_graduates");
    const auto* file = d.find_command<FileApplication>();
    ASSERT_NE(file, nullptr);
    ASSERT_EQ(file->pages.size(), 2u);
    EXPECT_EQ(file->application.attached_pages, 2);
    // Each page says which of the service's documents it is, in the catalogue's order.
    EXPECT_EQ(file->pages[0].document_index, 0);
    EXPECT_EQ(file->pages[1].document_index, 1);
    EXPECT_NE(file->pages[0].page_id, file->pages[1].page_id);
}

TEST(EngineBehaviour, ARefusedScanAddsNoPageAndSaysHowToScanAgain) {
    Driver d;
    d.to_checking("household_book");
    d.answer_eligibility(Verdict::Eligible);
    d.tap("scan");
    d.apply(PageScanned{d.pending(), 0, "scan_blurred"});
    EXPECT_EQ(d.screen(), Screen::ScanDocuments);
    EXPECT_TRUE(d.session().pages.empty());
    EXPECT_FALSE(d.session().scanning);
    EXPECT_EQ(d.session().hint, "scan_blurred");
    // The view shows the hint in the citizen's language, and the next good scan clears it.
    const ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_TRUE(std::ranges::any_of(view.lines, [](const std::string& line) {
        return line.find("blurred") != std::string::npos || line.find("模糊") != std::string::npos;
    }));
    d.scan_one();
    EXPECT_EQ(d.session().pages.size(), 1U);
    EXPECT_FALSE(d.session().hint.has_value());
}

}  // namespace
}  // namespace hk::kiosk::testing
