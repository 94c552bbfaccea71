// Version order (anti-rollback) and the agent's record on disk.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "update/agent_record.h"
#include "update/version_order.h"

namespace hk::update {
namespace {

TEST(VersionOrder, NumbersCompareAsNumbers) {
    EXPECT_TRUE(is_newer("1.10.0", "1.9.9"));
    EXPECT_TRUE(is_newer("2.0", "1.99.99"));
    EXPECT_FALSE(is_newer("1.2", "1.2.0"));
    EXPECT_FALSE(is_newer("1.2.0", "1.2"));
    EXPECT_FALSE(is_newer("1.2.0", "1.3.0"));
    EXPECT_TRUE(is_newer("1.2.1", ""));
    EXPECT_TRUE(is_newer("1.2.0-rc2", "1.2.0-rc1"));
    EXPECT_EQ(compare_versions("1.2.3", "1.2.3"), 0);
}

class RecordFile : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("hk-record-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

TEST_F(RecordFile, MissingFileIsAFreshAgent) {
    AgentRecordStore store(dir_ / "agent.json");
    auto record = store.load();
    ASSERT_TRUE(record);
    EXPECT_EQ(record->phase, AgentPhase::Idle);
}

TEST_F(RecordFile, RoundTripsEveryField) {
    AgentRecordStore store(dir_ / "agent.json");
    AgentRecord record;
    record.phase = AgentPhase::Rebooting;
    record.action_id = "42";
    record.version = "1.5.0";
    record.payload = Payload::Configuration;
    record.artifact = {.filename = "b.raucb", .sha256 = std::string(64, 'c'), .size = 77, .url = "http://u"};
    record.feedback_url = "http://f/feedback";
    record.answering_cancel = true;
    record.slot_before_install = "rootfs.0";
    record.install_attempts = 1;
    record.execution = Execution::Closed;
    record.finished = Finished::Failure;
    record.detail = "x";
    record.highest_installed_version = "1.4.0";
    record.history.push_back({"41", "1.4.0", "success", "ok", "2026-11-23T10:00:00Z"});
    ASSERT_TRUE(store.save(record));
    auto loaded = store.load();
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->phase, AgentPhase::Rebooting);
    EXPECT_EQ(loaded->artifact.size, 77U);
    EXPECT_EQ(loaded->payload, Payload::Configuration);
    EXPECT_EQ(loaded->feedback_url, "http://f/feedback");
    EXPECT_TRUE(loaded->answering_cancel);
    EXPECT_EQ(loaded->slot_before_install, "rootfs.0");
    EXPECT_EQ(loaded->finished, Finished::Failure);
    EXPECT_EQ(loaded->highest_installed_version, "1.4.0");
    ASSERT_EQ(loaded->history.size(), 1U);
    EXPECT_EQ(loaded->history[0].action_id, "41");
    EXPECT_EQ(loaded->history[0].payload, Payload::Bundle);
    EXPECT_FALSE(std::filesystem::exists(dir_ / "agent.json.tmp"));
}

TEST_F(RecordFile, ARecordFromBeforeConfigurationPushesIsABundles) {
    // What version 0.x wrote before rebooting into the new slot: the new version must still report it.
    std::ofstream(dir_ / "agent.json") << R"({"phase":"rebooting","action_id":"9","version":"1.1.0",
        "bundle":{"filename":"b.raucb","sha256":"ab","size":5,"url":"http://u"},"feedback_url":"http://f",
        "answering_cancel":false,"slot_before_install":"rootfs.0","boot_before_install":"b1",
        "install_attempts":1,"execution":"closed","finished":"none","detail":"",
        "highest_installed_version":"","history":[{"action_id":"8","version":"1.0.1","outcome":"success",
        "detail":"","at":"2026-11-01T00:00:00Z"}]})";
    auto loaded = AgentRecordStore(dir_ / "agent.json").load();
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_EQ(loaded->payload, Payload::Bundle);
    EXPECT_EQ(loaded->phase, AgentPhase::Rebooting);
    EXPECT_EQ(loaded->history.at(0).payload, Payload::Bundle);
}

TEST_F(RecordFile, CorruptFileIsSetAsideNotTrusted) {
    for (const char* junk : {"{", "{\"phase\":\"flying\"}", "[]", "\x01\x02"}) {
        std::ofstream(dir_ / "agent.json") << junk;
        AgentRecordStore store(dir_ / "agent.json");
        EXPECT_FALSE(store.load()) << junk;
        EXPECT_TRUE(std::filesystem::exists(dir_ / "agent.json.corrupt"));
        EXPECT_FALSE(std::filesystem::exists(dir_ / "agent.json"));
        std::filesystem::remove(dir_ / "agent.json.corrupt");
    }
}

}  // namespace
}  // namespace hk::update
