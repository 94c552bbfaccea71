// Verification as an auditor uses it: every way of editing the log after the fact that the chain and the head
// can show is found, and the problem names the record.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "audit_record.h"
#include "audit_test_support.h"
#include "audit_verification.h"

namespace hk::ops {
namespace {

using test::read_lines;
using test::TempFolder;
using test::write_lines;
using test::write_log;
using ::testing::HasSubstr;

class AuditTampering : public ::testing::Test {
  protected:
    void SetUp() override {
        write_log(file_, 10);
        lines_ = read_lines(file_);
        ASSERT_EQ(lines_.size(), 10U);
    }

    // The problems after the log's lines were replaced by `lines`, one string to match against.
    std::string problems_after(const std::vector<std::string>& lines) {
        write_lines(file_, lines);
        return problems();
    }

    std::string problems() {
        const auto verification = verify_audit_log(file_);
        EXPECT_FALSE(verification.intact);
        std::string text;
        for (const auto& problem : verification.problems) text += problem + "\n";
        return text;
    }

    static std::string rehashed(nlohmann::json record) {
        AuditRecord fields{record["seq"],    record["time"],    record["role"],
                           record["event"],  record["outcome"], record["subject"],
                           record["detail"], record["prev"],    ""};
        record["hash"] = audit_record_hash(fields);
        return record.dump();
    }

    TempFolder folder_;
    std::filesystem::path file_ = folder_.path() / "audit.jsonl";
    std::filesystem::path head_ = folder_.path() / "audit.jsonl.head";
    std::vector<std::string> lines_;
};

TEST_F(AuditTampering, AChangedFieldIsFound) {
    auto record = nlohmann::json::parse(lines_[2]);
    record["outcome"] = "ok";
    record["detail"] = "attempt 33";
    lines_[2] = record.dump();
    EXPECT_THAT(problems_after(lines_), HasSubstr("record 3 changed: its hash does not match its contents"));
}

TEST_F(AuditTampering, AChangedRecordWithARecomputedHashBreaksTheChainAfterIt) {
    auto record = nlohmann::json::parse(lines_[2]);
    record["detail"] = "attempt 33";
    lines_[2] = rehashed(record);
    const auto found = problems_after(lines_);
    EXPECT_THAT(found, HasSubstr("record 4 does not chain to record 3"));
    EXPECT_THAT(found, ::testing::Not(HasSubstr("record 3 changed")));
}

TEST_F(AuditTampering, ARecordRemovedFromTheMiddleIsFound) {
    lines_.erase(lines_.begin() + 4);
    EXPECT_THAT(problems_after(lines_), HasSubstr("record 5 is missing: record 6 follows record 4"));
}

TEST_F(AuditTampering, ARecordRemovedFromTheEndIsFoundThroughTheHead) {
    lines_.pop_back();
    EXPECT_THAT(problems_after(lines_), HasSubstr("record 10 is missing from the end"));
}

TEST_F(AuditTampering, SeveralRecordsRemovedFromTheEndAreFound) {
    lines_.resize(7);
    EXPECT_THAT(problems_after(lines_),
                HasSubstr("the head says the log ends at record 10 but it ends at record 7"));
}

TEST_F(AuditTampering, TwoSwappedRecordsAreFound) {
    std::swap(lines_[2], lines_[3]);
    const auto found = problems_after(lines_);
    EXPECT_THAT(found, HasSubstr("record 3 is missing: record 4 follows record 2"));
    EXPECT_THAT(found, HasSubstr("record 3 is out of place: it comes after record 4"));
}

TEST_F(AuditTampering, AForgedRecordInsertedIntoTheChainIsFound) {
    // Forged the way someone who knows the format would: well formed, correctly hashed, chained to record 4.
    const auto record4 = nlohmann::json::parse(lines_[3]);
    auto forged = nlohmann::json::parse(lines_[4]);
    forged["detail"] = "forged";
    forged["prev"] = record4["hash"];
    lines_.insert(lines_.begin() + 4, rehashed(forged));
    EXPECT_THAT(problems_after(lines_), HasSubstr("record 5 is out of place: it comes after record 5"));
}

TEST_F(AuditTampering, ARepeatedRecordIsFound) {
    lines_.insert(lines_.begin() + 6, lines_[1]);
    EXPECT_THAT(problems_after(lines_), HasSubstr("record 2 is out of place: it comes after record 6"));
}

TEST_F(AuditTampering, AnUnreadableLineIsFound) {
    lines_.insert(lines_.begin() + 3, R"({"seq": "four"})");
    EXPECT_THAT(problems_after(lines_), HasSubstr("the record at line 4, after record 3 is unreadable"));
}

TEST_F(AuditTampering, AHeadEditedToAnEarlierRecordIsFound) {
    auto head = nlohmann::json::parse(test::read_text(head_));
    head["records"] = 9;
    test::write_text(head_, head.dump());
    EXPECT_THAT(problems(), HasSubstr("the head says the log ends at record 9 but it goes on to record 10"));
}

TEST_F(AuditTampering, AHeadWithAnotherHashIsFound) {
    auto head = nlohmann::json::parse(test::read_text(head_));
    head["last_hash"] = std::string(64, 'a');
    test::write_text(head_, head.dump());
    EXPECT_THAT(problems(), HasSubstr("record 10 does not match the head"));
}

TEST_F(AuditTampering, AMissingOrGarbledHeadIsFound) {
    test::write_text(head_, "{\"records\": ");
    EXPECT_THAT(problems(), HasSubstr("is not readable"));
    std::filesystem::remove(head_);
    EXPECT_THAT(problems(),
                HasSubstr("the head file is missing: record 10 cannot be shown to be the last one"));
}

TEST(AuditVerify, AMissingLogIsNotIntact) {
    TempFolder folder;
    const auto verification = verify_audit_log(folder.path() / "nothing.jsonl");
    EXPECT_FALSE(verification.intact);
    EXPECT_EQ(verification.records, 0);
    ASSERT_EQ(verification.problems.size(), 1U);
}

}  // namespace
}  // namespace hk::ops
