// The journal and recovery: what is written survives, what is personal is sealed and purged, and an
// interrupted transaction is finished exactly once whatever step the crash hit.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/kept_certificates.h"
#include "app/recovery.h"
#include "journal/journal.h"
#include "journal/records.h"
#include "sim/simulation.h"

namespace hk::kiosk::testing {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
    const fs::path dir =
        fs::path(::testing::TempDir()) / ("journal-" + std::to_string(getpid()) + "-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string file_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

CertificateRequest request_for(std::size_t person, const std::string& key) {
    const auto& who = sim::demo_world().people.at(person);
    CertificateRequest request;
    request.service_id = "registration_certificate";
    request.subject.name = PersonalString(who.name);
    request.subject.id_number = PersonalString(who.id_number);
    request.idempotency_key = key;
    return request;
}

class JournalTest : public ::testing::Test {
  protected:
    fs::path dir_ = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());

    Journal open() {
        auto box = SealedBox::open(dir_ / "journal.key");
        EXPECT_TRUE(box.has_value());
        auto journal = Journal::open(dir_ / "journal.db", std::move(*box));
        EXPECT_TRUE(journal.has_value()) << journal.error();
        return std::move(*journal);
    }
};

TEST_F(JournalTest, KeyFileIsPrivateAndAWorldReadableOneIsRefused) {
    { auto box = SealedBox::open(dir_ / "journal.key"); }
    EXPECT_EQ(fs::status(dir_ / "journal.key").permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    fs::permissions(dir_ / "journal.key", fs::perms::others_read, fs::perm_options::add);
    EXPECT_FALSE(SealedBox::open(dir_ / "journal.key").has_value());
}

TEST_F(JournalTest, SealedDataOpensOnlyForItsOwnRowAndKey) {
    auto box = SealedBox::open(dir_ / "journal.key");
    ASSERT_TRUE(box.has_value());
    const auto sealed = box->seal("王小明", "key-1");
    EXPECT_EQ(box->open_sealed(sealed, "key-1").value(), "王小明");
    EXPECT_FALSE(box->open_sealed(sealed, "key-2").has_value());
    auto tampered = sealed;
    tampered[14] ^= 1;
    EXPECT_FALSE(box->open_sealed(tampered, "key-1").has_value());
    auto other = SealedBox::open(dir_ / "other.key");
    EXPECT_FALSE(other->open_sealed(sealed, "key-1").has_value());
}

TEST_F(JournalTest, StepsSurviveReopeningAndPersonalDataIsNeverInTheClear) {
    const std::string id_number = sim::demo_world().people[0].id_number;
    {
        Journal journal = open();
        ASSERT_TRUE(journal.requested("k1", TransactionKind::Certificate, "registration_certificate",
                                      records::to_json(request_for(0, "k1"))));
        ASSERT_TRUE(journal.issued("k1", "HK2026000001", R"({"serial":"HK2026000001"})"));
    }
    Journal journal = open();
    const auto entry = journal.find("k1");
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->step, TransactionStep::Issued);
    EXPECT_EQ(entry->reference, "HK2026000001");
    EXPECT_NE(entry->request.find(id_number), std::string::npos);  // opened with the key
    for (const char* file : {"journal.db", "journal.db-wal"}) {
        if (fs::exists(dir_ / file)) {
            EXPECT_EQ(file_text(dir_ / file).find(id_number), std::string::npos) << file;
        }
    }
    ASSERT_TRUE(journal.done("k1"));
    EXPECT_TRUE(journal.find("k1")->request.empty());  // purged once done
    EXPECT_TRUE(journal.unfinished().empty());
}

IssuedCertificate certificate_for(std::size_t person, const std::string& serial) {
    IssuedCertificate certificate;
    certificate.serial = serial;
    certificate.service_id = "registration_certificate";
    certificate.holder_name = PersonalString(sim::demo_world().people.at(person).name);
    return certificate;
}

// A certificate held after a printer fault, as the executor leaves it.
void hold(Journal& journal, std::size_t person, const std::string& key, const std::string& serial) {
    ASSERT_TRUE(journal.requested(key, TransactionKind::Certificate, "registration_certificate",
                                  records::to_json(request_for(person, key))));
    ASSERT_TRUE(journal.issued(key, serial, records::to_json(certificate_for(person, serial))));
    ASSERT_TRUE(journal.print_submitted(key));
    ASSERT_TRUE(journal.held(key));
}

VerifiedIdentity identity_of(std::size_t person) {
    const auto& who = sim::demo_world().people.at(person);
    VerifiedIdentity identity;
    identity.name = PersonalString(who.name);
    identity.id_number = PersonalString(who.id_number);
    return identity;
}

TEST_F(JournalTest, AKeptCertificateGoesOnlyToItsHolderAndOnlyOnce) {
    Journal journal = open();
    hold(journal, 0, "k-wang", "HK2026000007");
    hold(journal, 1, "k-other", "HK2026000008");
    EXPECT_EQ(journal.kept_for_reprint().size(), 2u);

    EXPECT_FALSE(take_kept_certificate(journal, identity_of(2)).has_value()) << "nobody else's certificate";
    const auto kept = take_kept_certificate(journal, identity_of(0));
    ASSERT_TRUE(kept.has_value());
    EXPECT_EQ(kept->certificate.serial, "HK2026000007");
    EXPECT_EQ(kept->journal_key, "k-wang");
    EXPECT_EQ(journal.find("k-wang")->step, TransactionStep::Issued);  // printing it ends it like any other
    EXPECT_FALSE(take_kept_certificate(journal, identity_of(0)).has_value()) << "taken once";
    EXPECT_EQ(journal.kept_for_reprint().size(), 1u);
    EXPECT_FALSE(journal.reopen_for_reprint("k-wang")) << "no longer held";
}

TEST_F(JournalTest, AReprintThatFailsAgainIsHeldAgainAndRecoveryLeavesItKept) {
    sim::Simulation simulation(sim::demo_world(), {{}, 10, 1000});
    DeviceSet devices{simulation.id_reader,       simulation.chip_reader, simulation.scanner,
                      simulation.mrz_reader,      simulation.camera,      simulation.a4_printer,
                      simulation.receipt_printer, simulation.central};
    Journal journal = open();
    hold(journal, 0, "k-wang", "HK2026000007");
    ASSERT_TRUE(take_kept_certificate(journal, identity_of(0)));
    ASSERT_TRUE(journal.print_submitted("k-wang"));
    ASSERT_TRUE(journal.held("k-wang"));
    const RecoveryReport report = recover(journal, devices);
    EXPECT_EQ(report.printed, 0) << "a kept certificate is printed only for its holder, never for nobody";
    EXPECT_EQ(simulation.a4_printer.jobs_printed(), 0);
    EXPECT_EQ(journal.kept_for_reprint().size(), 1u);
}

TEST_F(JournalTest, RetriedRequestKeepsItsRow) {
    Journal journal = open();
    journal.requested("k1", TransactionKind::Certificate, "x", "{}");
    journal.issued("k1", "HK1", "{}");
    journal.requested("k1", TransactionKind::Certificate, "x", "{}");
    EXPECT_EQ(journal.find("k1")->step, TransactionStep::Issued);
}

TEST_F(JournalTest, SessionsCutShortAreFoundOnce) {
    Journal journal = open();
    journal.session_started(1, "boot-a");
    journal.session_ended(1, "boot-a");
    journal.session_started(2, "boot-a");
    EXPECT_EQ(journal.close_interrupted_sessions(), 1);
    EXPECT_EQ(journal.close_interrupted_sessions(), 0);
}

class RecoveryTest : public JournalTest {
  protected:
    fs::path out_ = dir_ / "out";
    sim::Simulation simulation_{sim::demo_world(), {out_, 10, 5'000}};
    DeviceSet devices_{simulation_.id_reader,       simulation_.chip_reader, simulation_.scanner,
                       simulation_.mrz_reader,      simulation_.camera,      simulation_.a4_printer,
                       simulation_.receipt_printer, simulation_.central};

    int pdfs() {
        int count = 0;
        if (!fs::exists(out_)) return 0;
        for (const auto& entry : fs::directory_iterator(out_)) count += entry.path().extension() == ".pdf";
        return count;
    }
};

TEST_F(RecoveryTest, RequestWithNoRecordedAnswerIsAskedAgainAndPrintedOnce) {
    Journal journal = open();
    const auto request = request_for(0, "k-crash");
    journal.requested("k-crash", TransactionKind::Certificate, request.service_id, records::to_json(request));
    ASSERT_TRUE(
        simulation_.central.issue_certificate(request).has_value());  // it reached the server, then the crash

    const RecoveryReport report = recover(journal, devices_);
    EXPECT_EQ(report.asked_again, 1);
    EXPECT_EQ(report.printed, 1);
    EXPECT_EQ(simulation_.central.certificates_issued(), 1);  // the same certificate, not a second one
    EXPECT_EQ(pdfs(), 1);
    EXPECT_EQ(journal.find("k-crash")->step, TransactionStep::Done);
    EXPECT_EQ(recover(journal, devices_).printed, 0);  // a second start has nothing left to do
}

TEST_F(RecoveryTest, JobThePrinterCompletedIsNotPrintedAgain) {
    Journal journal = open();
    const auto request = request_for(0, "k-printed");
    auto issued = simulation_.central.issue_certificate(request);
    journal.requested("k-printed", TransactionKind::Certificate, request.service_id,
                      records::to_json(request));
    journal.issued("k-printed", issued->serial, records::to_json(*issued));
    journal.print_submitted("k-printed");
    const std::vector<std::uint8_t> pdf{'%', 'P', 'D', 'F'};
    ASSERT_TRUE(simulation_.a4_printer.print({"certificate-" + issued->serial, pdf, 1}).has_value());

    const RecoveryReport report = recover(journal, devices_);
    EXPECT_EQ(report.already_printed, 1);
    EXPECT_EQ(report.printed, 0);
    EXPECT_EQ(pdfs(), 1);
}

TEST_F(RecoveryTest, JobThePrinterNeverGotIsPrinted) {
    Journal journal = open();
    const auto request = request_for(0, "k-lost-job");
    auto issued = simulation_.central.issue_certificate(request);
    journal.requested("k-lost-job", TransactionKind::Certificate, request.service_id,
                      records::to_json(request));
    journal.issued("k-lost-job", issued->serial, records::to_json(*issued));
    journal.print_submitted("k-lost-job");
    EXPECT_EQ(recover(journal, devices_).printed, 1);
    EXPECT_EQ(pdfs(), 1);
}

TEST_F(RecoveryTest, UnreachableServiceLeavesTheTransactionForNextTime) {
    Journal journal = open();
    const auto request = request_for(0, "k-later");
    journal.requested("k-later", TransactionKind::Certificate, request.service_id, records::to_json(request));
    simulation_.central.fail_next(CentralErrorKind::Unreachable);
    EXPECT_EQ(recover(journal, devices_).left_unfinished, 1);
    EXPECT_EQ(journal.find("k-later")->step, TransactionStep::Requested);
    EXPECT_EQ(recover(journal, devices_).printed, 1);
}

TEST_F(RecoveryTest, PrinterOutOfPaperKeepsTheCertificateForReprint) {
    Journal journal = open();
    const auto request = request_for(0, "k-no-paper");
    auto issued = simulation_.central.issue_certificate(request);
    journal.requested("k-no-paper", TransactionKind::Certificate, request.service_id,
                      records::to_json(request));
    journal.issued("k-no-paper", issued->serial, records::to_json(*issued));
    simulation_.a4_printer.load_paper(0);
    recover(journal, devices_);
    EXPECT_EQ(journal.find("k-no-paper")->step, TransactionStep::Held);
    EXPECT_FALSE(journal.find("k-no-paper")->result.empty());  // still there, sealed, to be reprinted
}

TEST_F(RecoveryTest, ApplicationIsFiledOnceUnderItsKey) {
    Journal journal = open();
    ApplicationRequest request;
    request.service_id = "household_book";
    request.subject.id_number = PersonalString(sim::demo_world().people[0].id_number);
    request.attached_pages = 1;
    request.idempotency_key = "k-app";
    journal.requested("k-app", TransactionKind::Application, request.service_id, records::to_json(request));
    ASSERT_TRUE(simulation_.central.file_application(request).has_value());
    recover(journal, devices_);
    EXPECT_EQ(simulation_.central.applications_filed(), 1);
    EXPECT_EQ(journal.find("k-app")->step, TransactionStep::Done);
}

TEST(JournalRecords, AnApplicationAskedAgainAfterACrashCarriesTheSameReadingOfItsPages) {
    ApplicationRequest request;
    request.service_id = "relocation_job_transfer";
    request.attached_pages = 1;
    request.idempotency_key = "k-read";
    Attachment page{1, "image/png", {7, 8}, "", "household_register_page", {}};
    page.fields.push_back({"id_number", PersonalString("11010519491231002X"), false, true, 0.41});
    request.attachments.push_back(page);
    const std::optional<ApplicationRequest> back = records::application_request(records::to_json(request));
    ASSERT_TRUE(back.has_value());
    ASSERT_EQ(back->attachments.size(), 1U);
    const Attachment& read = back->attachments[0];
    EXPECT_EQ(read.document_index, 1);
    EXPECT_EQ(read.data, page.data);
    EXPECT_EQ(read.document_type, "household_register_page");
    ASSERT_EQ(read.fields.size(), 1U);
    EXPECT_EQ(read.fields[0].id, "id_number");
    EXPECT_EQ(read.fields[0].value.reveal(), "11010519491231002X");
    EXPECT_FALSE(read.fields[0].valid);
    EXPECT_TRUE(read.fields[0].confirmed);
    EXPECT_DOUBLE_EQ(read.fields[0].confidence, 0.41);
}

TEST(JournalRecords, ARecordWrittenBeforeReadingsExistedStillReads) {
    const std::string old_record =
        R"({"service_id":"household_book","subject":{"name":"","id_number":"","document_number":"",)"
        R"("birth_date":"","nationality":"","source":"card"},"pages":1,"key":"k-old",)"
        R"("attachments":[{"index":0,"mime":"image/png","data":"AQI=","ocr":""}]})";
    const std::optional<ApplicationRequest> back = records::application_request(old_record);
    ASSERT_TRUE(back.has_value());
    ASSERT_EQ(back->attachments.size(), 1U);
    EXPECT_TRUE(back->attachments[0].document_type.empty());
    EXPECT_TRUE(back->attachments[0].fields.empty());
}

}  // namespace
}  // namespace hk::kiosk::testing
