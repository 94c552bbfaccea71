// The subject hash: stable per kiosk key, different across kiosks, and the only form in which an ID reaches
// the audit log.
#include "subject_hasher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "audit_log.h"
#include "audit_test_support.h"
#include "audit_verification.h"

namespace hk::ops {
namespace {

using test::TempFolder;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kId = "11010519491231002X";

TEST(SubjectHasher, CreatesASecretKeyOnFirstUse) {
    TempFolder folder;
    const auto key = folder.path() / "keys" / "subject.key";
    ASSERT_TRUE(SubjectHasher::open(key));
    struct stat info {};
    ASSERT_EQ(::stat(key.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600U);
    EXPECT_EQ(info.st_size, 32);
}

TEST(SubjectHasher, IsStableForTheSameKey) {
    TempFolder folder;
    const auto key = folder.path() / "subject.key";
    const auto first = SubjectHasher::open(key);
    const auto again = SubjectHasher::open(key);
    ASSERT_TRUE(first && again);
    const std::string hash = first->hash(kId);
    EXPECT_EQ(hash.size(), 64U);
    EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(again->hash(kId), hash);
    EXPECT_EQ(first->hash("11010519491231002x"), hash);  // the check character in either case
    EXPECT_NE(first->hash("110105194912310038"), hash);
}

TEST(SubjectHasher, DiffersAcrossKeys) {
    TempFolder folder;
    const auto one = SubjectHasher::open(folder.path() / "one.key");
    const auto other = SubjectHasher::open(folder.path() / "other.key");
    ASSERT_TRUE(one && other);
    EXPECT_NE(one->hash(kId), other->hash(kId));
}

TEST(SubjectHasher, RefusesAKeyOthersCanReadOrOfTheWrongSize) {
    TempFolder folder;
    const auto key = folder.path() / "subject.key";
    test::write_text(key, std::string(32, 'k'));
    ::chmod(key.c_str(), 0644);
    EXPECT_FALSE(SubjectHasher::open(key));
    ::chmod(key.c_str(), 0600);
    EXPECT_TRUE(SubjectHasher::open(key));
    test::write_text(key, std::string(31, 'k'));
    EXPECT_FALSE(SubjectHasher::open(key));
}

TEST(SubjectHasher, TheLogHoldsTheHashAndNeverTheId) {
    TempFolder folder;
    const auto hasher = SubjectHasher::open(folder.path() / "subject.key");
    ASSERT_TRUE(hasher);
    const auto file = folder.path() / "audit.jsonl";
    {
        auto log = AuditLog::open(file);
        ASSERT_TRUE(log) << log.error();
        EXPECT_FALSE(
            log->append({AuditRole::Citizen, "identified", "ok", std::string(kId), ""}, test::at_second(1)));
        ASSERT_TRUE(
            log->append({AuditRole::Citizen, "identified", "ok", hasher->hash(kId), "resident id card"},
                        test::at_second(1)));
        ASSERT_TRUE(log->append({AuditRole::Citizen, "certificate_issued", "ok", hasher->hash(kId), ""},
                                test::at_second(2)));
    }
    const std::string text = test::read_text(file);
    EXPECT_THAT(text, Not(HasSubstr(std::string(kId))));
    EXPECT_THAT(text, Not(HasSubstr("1101051949")));
    EXPECT_THAT(text, HasSubstr(hasher->hash(kId)));
    EXPECT_THAT(test::read_text(folder.path() / "audit.jsonl.head"), Not(HasSubstr(std::string(kId))));
    EXPECT_TRUE(verify_audit_log(file).intact);
}

}  // namespace
}  // namespace hk::ops
