// The audit log as the kiosk uses it: appends that chain and survive a reopen, entries that could carry
// personal data refused, concurrent appends, and what open() does after a power cut.
#include "audit_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "audit_test_support.h"
#include "audit_verification.h"

namespace hk::ops {
namespace {

using test::at_second;
using test::read_lines;
using test::read_text;
using test::technician_entry;
using test::TempFolder;
using test::write_log;
using ::testing::HasSubstr;

std::string problems_of(const AuditVerification& verification) {
    std::string text;
    for (const auto& problem : verification.problems) text += problem + "\n";
    return text;
}

unsigned mode_of(const std::filesystem::path& file) {
    struct stat info {};
    ::stat(file.c_str(), &info);
    return info.st_mode & 0777;
}

TEST(AuditLog, ChainVerifiesAfterAppends) {
    TempFolder folder;
    const auto file = folder.path() / "audit.jsonl";
    write_log(file, 10);

    const auto verification = verify_audit_log(file);
    EXPECT_TRUE(verification.intact) << problems_of(verification);
    EXPECT_EQ(verification.records, 10);
    EXPECT_TRUE(verification.problems.empty());
}

TEST(AuditLog, ChainContinuesAfterReopen) {
    TempFolder folder;
    const auto file = folder.path() / "audit.jsonl";
    write_log(file, 5);
    {
        auto log = AuditLog::open(file);
        ASSERT_TRUE(log) << log.error();
        EXPECT_EQ(log->records(), 5);
        for (int i = 6; i <= 8; ++i) ASSERT_TRUE(log->append(technician_entry(i), at_second(i)));
        EXPECT_EQ(log->records(), 8);
    }
    const auto verification = verify_audit_log(file);
    EXPECT_TRUE(verification.intact) << problems_of(verification);
    EXPECT_EQ(verification.records, 8);
    const auto lines = read_lines(file);
    ASSERT_EQ(lines.size(), 8U);
    EXPECT_EQ(nlohmann::json::parse(lines[7])["seq"], 8);
}

TEST(AuditLog, RecordHoldsEveryFieldAndChainsToThePreviousOne) {
    TempFolder folder;
    const auto file = folder.path() / "audit.jsonl";
    {
        auto log = AuditLog::open(file);
        ASSERT_TRUE(log) << log.error();
        ASSERT_TRUE(
            log->append({AuditRole::ProvincialIt, "config_pushed", "ok", "", "catalogue v12"}, at_second(1)));
        ASSERT_TRUE(log->append({AuditRole::Citizen, "session_started", "ok", "", ""}, at_second(2)));
        EXPECT_EQ(log->last_hash().size(), 64U);
    }
    const auto lines = read_lines(file);
    ASSERT_EQ(lines.size(), 2U);
    const auto first = nlohmann::json::parse(lines[0]);
    const auto second = nlohmann::json::parse(lines[1]);
    EXPECT_EQ(first["seq"], 1);
    EXPECT_EQ(first["time"], "2026-11-23T07:00:01Z");
    EXPECT_EQ(first["role"], "provincial_it");
    EXPECT_EQ(first["event"], "config_pushed");
    EXPECT_EQ(first["outcome"], "ok");
    EXPECT_EQ(first["detail"], "catalogue v12");
    EXPECT_EQ(first["prev"], std::string(64, '0'));
    EXPECT_EQ(second["role"], "citizen");
    EXPECT_EQ(second["prev"], first["hash"]);
    EXPECT_NE(second["hash"], first["hash"]);
}

TEST(AuditLog, FilesAreReadableByOwnerAndGroupOnly) {
    TempFolder folder;
    const auto file = folder.path() / "logs" / "audit.jsonl";
    write_log(file, 1);
    EXPECT_EQ(mode_of(file), 0640U);
    EXPECT_EQ(mode_of(folder.path() / "logs" / "audit.jsonl.head"), 0640U);
}

TEST(AuditLog, RefusesEntriesThatCouldCarryPersonalDataOrBreakTheFormat) {
    TempFolder folder;
    const auto file = folder.path() / "audit.jsonl";
    auto log = AuditLog::open(file);
    ASSERT_TRUE(log) << log.error();
    const std::string id = "11010519491231002X";

    EXPECT_FALSE(log->append({AuditRole::Citizen, "identified", "ok", id, ""}, at_second(1)));
    EXPECT_FALSE(log->append({AuditRole::Citizen, "identified", "ok", "", "id " + id}, at_second(1)));
    EXPECT_FALSE(log->append({AuditRole::Citizen, "Identified Citizen", "ok", "", ""}, at_second(1)));
    EXPECT_FALSE(log->append({AuditRole::Citizen, "identified", "", "", ""}, at_second(1)));
    EXPECT_FALSE(
        log->append({AuditRole::Citizen, "identified", "ok", "", std::string(257, 'a')}, at_second(1)));
    EXPECT_FALSE(log->append({AuditRole::Citizen, "identified", "ok", "", "bad \xff utf-8"}, at_second(1)));

    EXPECT_EQ(log->records(), 0);
    EXPECT_EQ(read_text(file), "");
    EXPECT_THAT(read_text(file), ::testing::Not(HasSubstr(id)));
    EXPECT_TRUE(
        log->append({AuditRole::Citizen, "identified", "ok", "", "reader pcsc:0, 3 tries"}, at_second(1)));
    EXPECT_TRUE(verify_audit_log(file).intact);
}

TEST(AuditLog, ConcurrentAppendsFromFourThreadsKeepOneValidChain) {
    TempFolder folder;
    const auto file = folder.path() / "audit.jsonl";
    auto log = AuditLog::open(file);
    ASSERT_TRUE(log) << log.error();
    constexpr int kThreads = 4;
    constexpr int kEach = 25;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&log, &failures, t] {
            for (int i = 0; i < kEach; ++i)
                if (!log->append(technician_entry(t * kEach + i), at_second(i))) ++failures;
        });
    }
    for (auto& thread : threads) thread.join();

    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(log->records(), kThreads * kEach);
    const auto verification = verify_audit_log(file);
    EXPECT_TRUE(verification.intact) << problems_of(verification);
    EXPECT_EQ(verification.records, kThreads * kEach);
}

TEST(AuditLog, ASecondWriterIsRefusedWhileTheFirstIsOpen) {
    TempFolder folder;
    const auto file = folder.path() / "audit.jsonl";
    auto first = AuditLog::open(file);
    ASSERT_TRUE(first) << first.error();
    const auto second = AuditLog::open(file);
    ASSERT_FALSE(second);
    EXPECT_THAT(second.error(), HasSubstr("already open"));
}

TEST(AuditLog, AMovedFromLogRefusesToAppend) {
    TempFolder folder;
    auto log = AuditLog::open(folder.path() / "audit.jsonl");
    ASSERT_TRUE(log) << log.error();
    AuditLog moved = std::move(*log);
    EXPECT_FALSE(log->append(technician_entry(1), at_second(1)));  // NOLINT(bugprone-use-after-move)
    EXPECT_TRUE(moved.append(technician_entry(1), at_second(1)));
}

TEST(AuditLogOpen, MovesATornLastLineAsideAndRecordsTheRepair) {
    TempFolder folder;
    const auto file = folder.path() / "audit.jsonl";
    write_log(file, 3);
    const std::string torn = R"({"seq":4,"time":"2026-11-23T07:00:04Z","role":"tech)";
    test::write_text(file, read_text(file) + torn);

    const auto before = verify_audit_log(file);
    EXPECT_FALSE(before.intact);
    EXPECT_THAT(problems_of(before), HasSubstr("torn"));
    {
        auto log = AuditLog::open(file);
        ASSERT_TRUE(log) << log.error();
        EXPECT_EQ(log->records(), 4);
        ASSERT_TRUE(log->append(technician_entry(5), at_second(5)));
    }
    const auto lines = read_lines(file);
    ASSERT_EQ(lines.size(), 5U);
    const auto repair = nlohmann::json::parse(lines[3]);
    EXPECT_EQ(repair["event"], "audit_tail_repaired");
    EXPECT_EQ(repair["role"], "system");
    EXPECT_THAT(repair["detail"].get<std::string>(), HasSubstr("moved to the log's .torn-4"));
    EXPECT_EQ(read_text(folder.path() / "audit.jsonl.torn-4"), torn);

    const auto after = verify_audit_log(file);
    EXPECT_TRUE(after.intact) << problems_of(after);
    EXPECT_EQ(after.records, 5);
}

TEST(AuditLogOpen, CatchesUpAHeadLeftBehindByAPowerCut) {
    TempFolder folder;
    const auto file = folder.path() / "audit.jsonl";
    write_log(file, 3);
    const std::string old_head = read_text(folder.path() / "audit.jsonl.head");
    {
        auto log = AuditLog::open(file);
        ASSERT_TRUE(log);
        ASSERT_TRUE(log->append(technician_entry(4), at_second(4)));
    }
    test::write_text(folder.path() / "audit.jsonl.head", old_head);  // the head update never happened
    EXPECT_FALSE(verify_audit_log(file).intact);
    {
        auto log = AuditLog::open(file);
        ASSERT_TRUE(log) << log.error();
        EXPECT_EQ(log->records(), 4);  // nothing appended: no tampering to record
    }
    const auto verification = verify_audit_log(file);
    EXPECT_TRUE(verification.intact) << problems_of(verification);
    EXPECT_EQ(verification.records, 4);
}

TEST(AuditLogOpen, KeepsEvidenceOfRecordsCutOffTheEndWhenAppendingGoesOn) {
    TempFolder folder;
    const auto file = folder.path() / "audit.jsonl";
    write_log(file, 6);
    auto lines = read_lines(file);
    lines.pop_back();
    test::write_lines(file, lines);
    {
        auto log = AuditLog::open(file);
        ASSERT_TRUE(log) << log.error();
        EXPECT_EQ(log->records(), 6);  // 5 left, and the record of the mismatch
        ASSERT_TRUE(log->append(technician_entry(7), at_second(7)));
    }
    const auto after = read_lines(file);
    ASSERT_EQ(after.size(), 7U);
    EXPECT_EQ(nlohmann::json::parse(after[5])["event"], "audit_head_mismatch");
    const auto verification = verify_audit_log(file);
    EXPECT_FALSE(verification.intact);
    EXPECT_THAT(problems_of(verification), HasSubstr("record 6 says records may have been cut off the end"));
}

TEST(AuditLogOpen, RefusesToContinueAChainWhoseLastRecordIsUnreadable) {
    TempFolder folder;
    const auto file = folder.path() / "audit.jsonl";
    write_log(file, 3);
    auto lines = read_lines(file);
    lines.back() = "not a record";
    test::write_lines(file, lines);
    const auto log = AuditLog::open(file);
    ASSERT_FALSE(log);
    EXPECT_THAT(log.error(), HasSubstr("unreadable"));
}

}  // namespace
}  // namespace hk::ops
