// Commands run on the simulated devices and the simulated central service through the real executor and
// workers; every injected fault must come back as the event the session engine expects.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "app/command_executor.h"
#include "app/health_monitor.h"
#include "journal/journal.h"
#include "scanner/mrz.h"
#include "sim/simulation.h"

namespace fs = std::filesystem;

namespace hk::kiosk::testing {
namespace {

using drivers::DeviceKind;
using drivers::FaultKind;
using std::chrono::milliseconds;

constexpr milliseconds kPatience{5'000};

class DevicesToEvents : public ::testing::Test {
  protected:
    DevicesToEvents()
        : out_(std::filesystem::path(::testing::TempDir()) /
               ("devices-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name())),
          simulation_(sim::demo_world(), {out_, 10, 5'000}),
          devices_{simulation_.id_reader,       simulation_.chip_reader, simulation_.scanner,
                   simulation_.mrz_reader,      simulation_.camera,      simulation_.a4_printer,
                   simulation_.receipt_printer, simulation_.central},
          executor_(devices_, events_, default_catalogue(),
                    {"kiosk-test", "boot", nullptr, milliseconds(20), [] { return "now"; }}) {}

    Event next() {
        auto event = events_.pop_for(kPatience);
        EXPECT_TRUE(event.has_value()) << "no event within " << kPatience.count() << " ms";
        return event ? std::move(*event) : Event{ClockTick{}};
    }
    template <typename E>
    E next_as() {
        Event event = next();
        EXPECT_TRUE(std::holds_alternative<E>(event)) << "got " << event_name(event);
        return std::holds_alternative<E>(event) ? std::get<E>(std::move(event)) : E{};
    }
    drivers::DeviceFault next_fault(std::uint64_t request) {
        auto failed = next_as<DeviceFailed>();
        EXPECT_EQ(failed.request, request);
        return failed.fault;
    }
    static VerifiedIdentity identity_of(std::size_t person) {
        VerifiedIdentity id;
        id.id_number = PersonalString(sim::demo_world().people.at(person).id_number);
        id.name = PersonalString(sim::demo_world().people.at(person).name);
        return id;
    }

    std::filesystem::path out_;
    sim::Simulation simulation_;
    DeviceSet devices_;
    EventQueue events_;
    CommandExecutor executor_;
};

TEST_F(DevicesToEvents, PresentedCardIsReadForTheRequestThatAskedForIt) {
    executor_.execute(ReadResidentIdCard{7});
    simulation_.present_resident_id(0);
    auto read = next_as<ResidentIdCardRead>();
    EXPECT_EQ(read.request, 7u);
    EXPECT_EQ(read.card.id_number.reveal(), sim::demo_world().people[0].id_number);
}

TEST_F(DevicesToEvents, CardReaderFaultsBecomeDeviceFailedEvents) {
    for (FaultKind kind :
         {FaultKind::CardRemoved, FaultKind::Unreadable, FaultKind::Timeout, FaultKind::IoError}) {
        simulation_.id_reader.faults().fail_next(kind);
        simulation_.present_resident_id(0);
        executor_.execute(ReadResidentIdCard{11});
        const auto fault = next_fault(11);
        EXPECT_EQ(fault.kind, kind) << drivers::to_string(kind);
        EXPECT_EQ(fault.device, DeviceKind::ResidentIdReader);
        simulation_.take_everything_away();
    }
    simulation_.set_unplugged("resident_id_reader", true);
    executor_.execute(ReadResidentIdCard{12});
    EXPECT_EQ(next_fault(12).kind, FaultKind::Unplugged);
}

TEST_F(DevicesToEvents, CancelledReadPostsNothing) {
    executor_.execute(ReadResidentIdCard{3});
    executor_.execute(CancelReads{});
    std::this_thread::sleep_for(milliseconds(100));
    simulation_.present_resident_id(0);
    EXPECT_FALSE(events_.pop_for(milliseconds(300)).has_value());
}

TEST_F(DevicesToEvents, MrzIsReadOnceThePassportIsLaidDownAndOpensItsChip) {
    executor_.execute(ReadMrz{4});
    std::this_thread::sleep_for(milliseconds(60));  // the citizen is slower than the kiosk
    simulation_.present_passport(3);
    auto mrz = next_as<MrzRead>();
    EXPECT_EQ(mrz.request, 4u);
    auto parsed = scanner::parse_mrz(mrz.lines);
    ASSERT_TRUE(parsed.has_value()) << scanner::to_string(parsed.error());

    executor_.execute(ReadChip{5, parsed->access_key()});
    auto chip = next_as<ChipRead>();
    EXPECT_EQ(chip.request, 5u);
    EXPECT_EQ(chip.document.surname.reveal(), "WANG");
}

TEST_F(DevicesToEvents, ChipRefusesAKeyFromAnotherDocument) {
    simulation_.present_passport(3);
    const auto other = scanner::parse_mrz(sim::passport_mrz(sim::demo_world().people[5]));
    ASSERT_TRUE(other.has_value());
    executor_.execute(ReadChip{6, other->access_key()});
    EXPECT_EQ(next_fault(6).kind, FaultKind::AccessDenied);
}

TEST_F(DevicesToEvents, SmudgedMrzIsUnreadable) {
    simulation_.present_passport(3);
    simulation_.mrz_reader.faults().fail_next(FaultKind::Unreadable);
    executor_.execute(ReadMrz{8});
    EXPECT_EQ(next_fault(8).kind, FaultKind::Unreadable);
}

TEST_F(DevicesToEvents, ScannedPagesGoToThePageStoreAndAreWiped) {
    executor_.execute(ScanPage{9});
    EXPECT_EQ(next_fault(9).kind, FaultKind::NoDocument);
    simulation_.place_document("admission notice");
    executor_.execute(ScanPage{10});
    auto scanned = next_as<PageScanned>();
    EXPECT_EQ(scanned.request, 10u);
    EXPECT_EQ(executor_.pages().count(), 1u);
    // No page reader here: the page is answered at once as read, with nothing recognised.
    const auto read = next_as<PageRead>();
    EXPECT_EQ(read.page_id, scanned.page_id);
    EXPECT_FALSE(read.document.has_value());
    simulation_.scanner.faults().fail_next(FaultKind::PaperJam);
    executor_.execute(ScanPage{11});
    EXPECT_EQ(next_fault(11).kind, FaultKind::PaperJam);
    executor_.execute(WipePersonalData{});
    EXPECT_EQ(executor_.pages().count(), 0u);
}

// A page as a shaken or lifted sheet scans: every pixel the mean of a wide box around it.
scanner::Image blurred(scanner::Image page, int radius) {
    for (int pass = 0; pass < 2; ++pass) {  // rows, then columns
        const int lines = pass == 0 ? page.height : page.width;
        const int length = pass == 0 ? page.width : page.height;
        std::vector<int> sums(static_cast<std::size_t>(length) + 1);
        for (int line = 0; line < lines; ++line) {
            const auto at = [&](int i) -> std::uint8_t& {
                const int x = pass == 0 ? i : line;
                const int y = pass == 0 ? line : i;
                return page.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(page.width) +
                                   static_cast<std::size_t>(x)];
            };
            for (int i = 0; i < length; ++i)
                sums[static_cast<std::size_t>(i) + 1] = sums[static_cast<std::size_t>(i)] + at(i);
            for (int i = 0; i < length; ++i) {
                const int lo = std::max(0, i - radius);
                const int hi = std::min(length, i + radius + 1);
                at(i) = static_cast<std::uint8_t>(
                    (sums[static_cast<std::size_t>(hi)] - sums[static_cast<std::size_t>(lo)]) / (hi - lo));
            }
        }
    }
    return page;
}

TEST_F(DevicesToEvents, ABlurredScanIsRefusedWithAHintAndNotKept) {
    simulation_.scanner.place(
        {"household register page", blurred(scanner::sim::synthetic_page(2480, 3508, 7), 12), {}});
    executor_.execute(ScanPage{12});
    const auto refused = next_as<PageScanned>();
    EXPECT_EQ(refused.request, 12u);
    EXPECT_EQ(refused.page_id, 0);
    EXPECT_EQ(refused.hint, "scan_blurred");
    EXPECT_EQ(executor_.pages().count(), 0u);
    // The same page scanned sharp is kept.
    simulation_.scanner.place({"household register page", scanner::sim::synthetic_page(2480, 3508, 7), {}});
    executor_.execute(ScanPage{13});
    const auto kept = next_as<PageScanned>();
    EXPECT_FALSE(kept.hint.has_value()) << *kept.hint;
    EXPECT_EQ(executor_.pages().count(), 1u);
}

TEST_F(DevicesToEvents, CertificateIsRenderedAndPrinted) {
    auto issued =
        simulation_.central.issue_certificate({"proof_of_family_relationship", identity_of(0), {}, "k1"});
    ASSERT_TRUE(issued.has_value());
    executor_.execute(PrintCertificate{20, *issued});
    auto done = next_as<PrintFinished>();
    EXPECT_EQ(done.request, 20u);
    EXPECT_EQ(done.printer, DeviceKind::A4Printer);
    EXPECT_EQ(simulation_.a4_printer.jobs_printed(), 1);
    bool pdf_written = false;
    for (const auto& entry : std::filesystem::directory_iterator(out_)) {
        pdf_written |= entry.path().extension() == ".pdf" && entry.file_size() > 1000;
    }
    EXPECT_TRUE(pdf_written);
}

TEST_F(DevicesToEvents, PrinterFaultsBecomeDeviceFailedEvents) {
    auto issued =
        simulation_.central.issue_certificate({"registration_certificate", identity_of(0), {}, "k2"});
    ASSERT_TRUE(issued.has_value());
    for (FaultKind kind : {FaultKind::PaperJam, FaultKind::CoverOpen, FaultKind::PaperOut}) {
        simulation_.a4_printer.faults().fail_next(kind);
        executor_.execute(PrintCertificate{21, *issued});
        const auto fault = next_fault(21);
        EXPECT_EQ(fault.kind, kind);
        EXPECT_EQ(fault.device, DeviceKind::A4Printer);
    }
    simulation_.receipt_printer.faults().fail_next(FaultKind::PaperOut);
    executor_.execute(PrintReceipt{22,
                                   ReceiptKind::Certificate,
                                   Language::English,
                                   "registration_certificate",
                                   issued->serial,
                                   {},
                                   "1101**********1235"});
    const auto fault = next_fault(22);
    EXPECT_EQ(fault.device, DeviceKind::ReceiptPrinter);
    EXPECT_EQ(fault.kind, FaultKind::PaperOut);
    executor_.execute(PrintReceipt{23,
                                   ReceiptKind::Certificate,
                                   Language::English,
                                   "registration_certificate",
                                   issued->serial,
                                   {},
                                   "1101**********1235"});
    EXPECT_EQ(next_as<PrintFinished>().printer, DeviceKind::ReceiptPrinter);
}

TEST_F(DevicesToEvents, CentralAnswersFromTheWorldAndFailsWhenTold) {
    executor_.execute(CheckEligibility{30, identity_of(0), "proof_of_family_relationship"});
    EXPECT_EQ(next_as<EligibilityChecked>().answer.verdict, Verdict::Eligible);
    executor_.execute(CheckEligibility{31, identity_of(4), "proof_of_family_relationship"});
    auto paper = next_as<EligibilityChecked>();
    EXPECT_EQ(paper.answer.verdict, Verdict::PaperRecordsOnly);
    ASSERT_TRUE(paper.answer.station.has_value());
    EXPECT_NE(paper.answer.station->name.find("延吉"), std::string::npos);
    simulation_.central.fail_next(CentralErrorKind::Unreachable);
    executor_.execute(CheckEligibility{32, identity_of(0), "proof_of_family_relationship"});
    auto failed = next_as<CentralFailed>();
    EXPECT_EQ(failed.request, 32u);
    EXPECT_EQ(failed.error.kind, CentralErrorKind::Unreachable);
}

TEST_F(DevicesToEvents, RetriedIssuingWithTheSameKeyGivesTheSameCertificate) {
    executor_.execute(IssueCertificate{40, {"registration_certificate", identity_of(0), {}, "same-key"}});
    const auto first = next_as<CertificateIssued>();
    executor_.execute(IssueCertificate{41, {"registration_certificate", identity_of(0), {}, "same-key"}});
    const auto second = next_as<CertificateIssued>();
    EXPECT_EQ(first.certificate.serial, second.certificate.serial);
    EXPECT_EQ(simulation_.central.certificates_issued(), 1);
}

TEST_F(DevicesToEvents, HealthMonitorReportsAnUnpluggedPrinterAndItsReturn) {
    HealthMonitor monitor(devices_, events_, {milliseconds(10'000), milliseconds(0), 1});
    monitor.poll_once();
    EXPECT_FALSE(events_.pop_for(milliseconds(50)).has_value());  // all ready: nothing to say
    simulation_.set_unplugged("a4_printer", true);
    monitor.poll_once();
    auto lost = next_as<DeviceHealthChanged>();
    EXPECT_EQ(lost.device, DeviceKind::A4Printer);
    EXPECT_FALSE(lost.ready);
    EXPECT_EQ(monitor.last_statuses()[static_cast<std::size_t>(DeviceKind::A4Printer)].fault,
              drivers::FaultKind::Unplugged);
    simulation_.set_unplugged("a4_printer", false);
    monitor.poll_once();
    EXPECT_TRUE(next_as<DeviceHealthChanged>().ready);
}

// One failed poll is not a fault; N in a row are; a device not yet seen working is not declared faulted while
// devices settle after start.
TEST_F(DevicesToEvents, HealthMonitorWaitsForTheGracePeriodAndConsecutiveFailures) {
    using Clock = HealthMonitor::Clock;
    simulation_.set_unplugged("receipt_printer", true);  // absent from the start: never seen working
    const Clock::time_point start = Clock::now();
    HealthMonitor monitor(devices_, events_, {milliseconds(10'000'000), milliseconds(60'000), 3});
    for (int i = 0; i < 5; ++i) monitor.poll_once(start + milliseconds(i * 1000));  // still settling
    EXPECT_FALSE(events_.pop_for(milliseconds(20)).has_value());

    const Clock::time_point settled = start + milliseconds(120'000);
    simulation_.set_unplugged("receipt_printer", false);
    monitor.poll_once(settled);  // a good poll resets the count
    simulation_.set_unplugged("receipt_printer", true);
    monitor.poll_once(settled + milliseconds(1000));
    monitor.poll_once(settled + milliseconds(2000));
    EXPECT_FALSE(events_.pop_for(milliseconds(20)).has_value())
        << "two failures in a row are not yet a fault";
    monitor.poll_once(settled + milliseconds(3000));
    const auto lost = next_as<DeviceHealthChanged>();
    EXPECT_EQ(lost.device, DeviceKind::ReceiptPrinter);
    EXPECT_FALSE(lost.ready);

    simulation_.set_unplugged("receipt_printer", false);  // re-plugged: back at the first good poll
    monitor.poll_once(settled + milliseconds(4000));
    EXPECT_TRUE(next_as<DeviceHealthChanged>().ready);
}

}  // namespace
}  // namespace hk::kiosk::testing

namespace hk::kiosk::testing {
namespace {

// A citizen who walks away after a failed request: the session's end asks once more with the same key, and
// what the service issued is held for reprint, never printed for nobody and never issued twice.
TEST(SettlingATransaction, CertificateIssuedAfterTheCitizenLeftIsHeldNotPrinted) {
    const fs::path dir = fs::path(::testing::TempDir()) / ("settle-held-" + std::to_string(getpid()));
    fs::remove_all(dir);
    sim::Simulation simulation(sim::demo_world(), {dir / "out", 10, 5'000});
    DeviceSet devices{simulation.id_reader,       simulation.chip_reader, simulation.scanner,
                      simulation.mrz_reader,      simulation.camera,      simulation.a4_printer,
                      simulation.receipt_printer, simulation.central};
    auto box = SealedBox::open(dir / "journal.key");
    ASSERT_TRUE(box.has_value());
    auto journal = Journal::open(dir / "journal.db", std::move(*box));
    ASSERT_TRUE(journal.has_value());
    EventQueue events;
    {
        CommandExecutor executor(devices, events, default_catalogue(),
                                 {"kiosk-test", "boot", &*journal, milliseconds(20), [] { return "now"; }});
        VerifiedIdentity subject;
        subject.id_number = PersonalString(sim::demo_world().people[0].id_number);
        simulation.central.fail_next(CentralErrorKind::Timeout);
        executor.execute(IssueCertificate{1, {"registration_certificate", subject, {}, "k-left"}});
        auto failed = events.pop_for(kPatience);
        ASSERT_TRUE(failed && std::holds_alternative<CentralFailed>(*failed));
        executor.execute(WipePersonalData{1});
        for (int i = 0; i < 200 && journal->find("k-left")->step == TransactionStep::Requested; ++i) {
            std::this_thread::sleep_for(milliseconds(10));
        }
    }
    EXPECT_EQ(journal->find("k-left")->step, TransactionStep::Held);
    EXPECT_EQ(simulation.central.certificates_issued(), 1);
    EXPECT_EQ(simulation.a4_printer.jobs_printed(), 0);
}

}  // namespace
}  // namespace hk::kiosk::testing
