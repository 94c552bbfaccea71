// The update agent against the DDI test server over real HTTP (DdiClient, libcurl), with a text-bundle
// inspector and a file-backed pair of slots standing in for rauc (both tested for real elsewhere).
#include "update/update_agent.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>

#include "ddi_test_server.h"
#include "update/ddi_client.h"
#include "update_doubles.h"

namespace hk::update {
namespace {

using testing::DdiTestServer;
using testing::make_test_bundle;
using testing::make_test_configuration;
using testing::SimulatedSlots;
using testing::TextBundleInspector;
using testing::TextConfigurationTarget;

constexpr const char* kController = "kiosk-7";
constexpr std::size_t kBundleSize = 300 * 1024;

class UpdateAgentTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("hk-agent-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        installer_ = std::make_unique<SimulatedSlots>(dir_ / "slots.json", inspector_);
        client_ = std::make_unique<DdiClient>(DdiSettings{
            .server_url = server_.base_url(), .controller_id = kController, .allow_plain_http = true});
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    // A kiosk process: a fresh agent over the same folder, as after a (re)start.
    std::unique_ptr<UpdateAgent> start_agent(const std::string& running_version = "1.0.0") {
        AgentSettings settings{.running_version = running_version, .work_dir = dir_ / "update"};
        settings.fetch.first_pause = std::chrono::milliseconds(1);
        settings.fetch.max_pause = std::chrono::milliseconds(5);
        settings.fetch.slice = slice_;
        settings.attributes = {{"version", running_version}, {"province", "JL"}};
        settings.random_seed = 7;
        KioskHooks hooks;
        hooks.begin_maintenance = [this] {
            if (citizen_present_) return false;
            in_maintenance_ = true;
            return true;
        };
        hooks.end_maintenance = [this] { in_maintenance_ = false; };
        hooks.reboot = [this] { ++reboots_; };
        hooks.boot_id = [this] { return installer_->boot_id(); };
        hooks.health_check = [this]() -> std::expected<void, std::string> {
            if (!healthy_) return std::unexpected("central service unreachable");
            return {};
        };
        hooks.log = [this](std::string_view event, std::string_view) { events_.emplace_back(event); };
        auto agent =
            std::make_unique<UpdateAgent>(settings, *client_, inspector_, *installer_, hooks, configuration_);
        agent->start();
        return agent;
    }

    // Polls until the agent reaches `phase` (or gives up after `rounds` polls).
    static bool run_until(UpdateAgent& agent, AgentPhase phase, int rounds = 30) {
        for (int i = 0; i < rounds; ++i) {
            if (agent.status().phase == phase) return true;
            (void)agent.run_once();
        }
        return agent.status().phase == phase;
    }

    bool saw(const std::string& event) const {
        return std::find(events_.begin(), events_.end(), event) != events_.end();
    }

    std::string last_closed_detail(const std::string& action) const {
        std::string detail;
        for (const auto& feedback : server_.feedback()) {
            if (feedback.action_id == action && feedback.execution == "closed" && !feedback.details.empty()) {
                detail = feedback.details.front();
            }
        }
        return detail;
    }

    DdiTestServer server_;
    std::filesystem::path dir_;
    std::unique_ptr<DdiClient> client_;
    TextBundleInspector inspector_;
    std::unique_ptr<SimulatedSlots> installer_;
    TextConfigurationTarget configuration_target_;
    ConfigurationTarget* configuration_ = &configuration_target_;
    bool citizen_present_ = false;
    bool in_maintenance_ = false;
    bool healthy_ = true;
    std::chrono::milliseconds slice_{60000};
    int reboots_ = 0;
    std::vector<std::string> events_;
};

TEST_F(UpdateAgentTest, InstallsBetweenCitizensConfirmsAfterRebootAndReportsOnce) {
    const std::string action =
        server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", kBundleSize), "1.1.0");
    auto agent = start_agent();
    citizen_present_ = true;
    ASSERT_TRUE(run_until(*agent, AgentPhase::Waiting));
    for (int i = 0; i < 3; ++i) (void)agent->run_once();
    EXPECT_EQ(agent->status().phase, AgentPhase::Waiting) << "never installs while a citizen is served";
    EXPECT_EQ(installer_->installs(), 0);

    citizen_present_ = false;
    ASSERT_TRUE(run_until(*agent, AgentPhase::Rebooting));
    EXPECT_TRUE(in_maintenance_);
    EXPECT_EQ(reboots_, 1);
    agent.reset();

    installer_->reboot();
    agent = start_agent("1.1.0");
    EXPECT_EQ(installer_->last_mark(), "good");
    ASSERT_TRUE(run_until(*agent, AgentPhase::Idle));
    for (int i = 0; i < 3; ++i) (void)agent->run_once();

    EXPECT_EQ(server_.closed_reports(action), 1);
    EXPECT_EQ(last_closed_detail(action), "running 1.1.0 in rootfs.1");
    EXPECT_EQ(installer_->installed_version(), "1.1.0");
    const AgentStatus status = agent->status();
    ASSERT_EQ(status.history.size(), 1U);
    EXPECT_EQ(status.history.back().outcome, "success");
    EXPECT_EQ(status.highest_installed_version, "1.1.0");
    // The server heard "proceeding" and "downloaded" on the way, with the step each is.
    std::vector<std::string> steps;
    for (const auto& feedback : server_.feedback()) {
        if (feedback.execution != "closed") steps.push_back(feedback.execution + " " + feedback.progress);
    }
    ASSERT_GE(steps.size(), 3U);
    EXPECT_EQ(steps[0], "proceeding 1/4");
    EXPECT_EQ(steps[1], "downloaded 2/4");
    EXPECT_EQ(steps[2], "proceeding 3/4");
    bool install_progress = false;  // RAUC's (here the simulated slots') progress, passed on
    for (const auto& feedback : server_.feedback()) {
        install_progress =
            install_progress || (!feedback.details.empty() &&
                                 feedback.details[0] == "installing 1.1.0: 50 % Copying image to rootfs.1");
    }
    EXPECT_TRUE(install_progress);
}

TEST_F(UpdateAgentTest, WaitsForTheMaintenanceWindowAndForAnUpdateNotSkipped) {
    const std::string action =
        server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", 4096), "1.1.0", "skip", true);
    auto agent = start_agent();
    ASSERT_TRUE(run_until(*agent, AgentPhase::Waiting));
    for (int i = 0; i < 3; ++i) (void)agent->run_once();
    EXPECT_EQ(agent->status().phase, AgentPhase::Waiting);
    server_.set_update_handling(action, "forced", false);
    for (int i = 0; i < 3; ++i) (void)agent->run_once();
    EXPECT_EQ(agent->status().phase, AgentPhase::Waiting) << "outside the maintenance window";
    server_.set_update_handling(action, "attempt", true);
    EXPECT_TRUE(run_until(*agent, AgentPhase::Rebooting));
}

TEST_F(UpdateAgentTest, ArtifactNotFoundIsReportedOnceWithoutADownloadStorm) {
    const std::string action =
        server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", 4096), "1.1.0");
    server_.set_faults({.answer_404 = 1000});
    auto agent = start_agent();
    for (int i = 0; i < 10; ++i) (void)agent->run_once();
    EXPECT_EQ(server_.artifact_requests(), 1);
    EXPECT_EQ(server_.closed_reports(action), 1);
    EXPECT_NE(last_closed_detail(action).find("404"), std::string::npos);
    EXPECT_EQ(agent->status().phase, AgentPhase::Idle);
    EXPECT_EQ(installer_->installs(), 0);
}

TEST_F(UpdateAgentTest, ServerErrorsAreRetriedWithinBounds) {
    server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", 4096), "1.1.0");
    server_.set_faults({.answer_500 = 2});
    auto agent = start_agent();
    EXPECT_TRUE(run_until(*agent, AgentPhase::Rebooting));
    EXPECT_EQ(server_.artifact_requests(), 3);
}

TEST_F(UpdateAgentTest, AnActionWithdrawnWhileWaitingIsDroppedNotWaitedForEver) {
    const std::string action =
        server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", 4096), "1.1.0");
    citizen_present_ = true;
    auto agent = start_agent();
    ASSERT_TRUE(run_until(*agent, AgentPhase::Waiting));
    server_.withdraw(action);
    (void)agent->run_once();
    EXPECT_EQ(agent->status().phase, AgentPhase::Idle);
    ASSERT_FALSE(agent->status().history.empty());
    EXPECT_EQ(agent->status().history.back().outcome, "withdrawn");
    EXPECT_EQ(server_.closed_reports(action), 0) << "nobody to report to";
    EXPECT_EQ(installer_->installs(), 0);
    for (const auto& entry : std::filesystem::directory_iterator(dir_ / "update")) {
        EXPECT_EQ(entry.path().filename(), "update-agent.json") << "the withdrawn bundle was kept";
    }
}

TEST_F(UpdateAgentTest, ADroppedConnectionResumesWhereItStopped) {
    server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", kBundleSize), "1.1.0");
    server_.set_faults({.drop_after = 64 * 1024, .drops = 3});
    auto agent = start_agent();
    ASSERT_TRUE(run_until(*agent, AgentPhase::Rebooting));
    EXPECT_GE(server_.artifact_requests(), 4);
    // Resumed, not restarted: the bytes sent are the bundle plus at most what was in flight when each drop
    // came.
    EXPECT_LT(server_.artifact_bytes_sent(), kBundleSize + 3 * 16 * 1024);
    int ranged = 0;
    for (const auto& range : server_.ranges_seen()) ranged += range.starts_with("bytes=") ? 1 : 0;
    EXPECT_GE(ranged, 3);
}

TEST_F(UpdateAgentTest, ADownloadKilledMidWayResumesAfterRestart) {
    server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", kBundleSize), "1.1.0");
    // A slow link and a short slice: the first agent gets part of the bundle, then is gone (as after a kill).
    server_.set_faults({.delay_per_block = std::chrono::milliseconds(20)});
    slice_ = std::chrono::milliseconds(100);
    {
        auto agent = start_agent();
        (void)agent->run_once();
        (void)agent->run_once();
        ASSERT_EQ(agent->status().phase, AgentPhase::Downloading);
    }
    const std::uint64_t sent_before = server_.artifact_bytes_sent();
    EXPECT_GT(sent_before, 0U);
    EXPECT_LT(sent_before, kBundleSize);
    server_.set_faults({});
    slice_ = std::chrono::milliseconds(60000);
    auto agent = start_agent();
    ASSERT_TRUE(run_until(*agent, AgentPhase::Rebooting));
    EXPECT_LT(server_.artifact_bytes_sent(), kBundleSize + 16 * 1024);
    EXPECT_GT(server_.artifact_requests(), 1);
}

TEST_F(UpdateAgentTest, AChangedArtifactIsNotInstalled) {
    const std::string action =
        server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", 4096), "1.1.0");
    server_.set_faults({.changed_content = true});
    auto agent = start_agent();
    for (int i = 0; i < 5; ++i) (void)agent->run_once();
    EXPECT_EQ(agent->status().phase, AgentPhase::Idle);
    EXPECT_EQ(server_.closed_reports(action), 1);
    EXPECT_NE(last_closed_detail(action).find("SHA-256"), std::string::npos);
    EXPECT_EQ(installer_->installs(), 0);
    for (const auto& entry : std::filesystem::directory_iterator(dir_ / "update")) {
        EXPECT_EQ(entry.path().filename(), "update-agent.json") << "a refused bundle was kept";
    }
}

TEST_F(UpdateAgentTest, ACancelDuringTheDownloadStopsIt) {
    const std::string action =
        server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", kBundleSize), "1.1.0");
    server_.set_faults({.delay_per_block = std::chrono::milliseconds(5), .cancel_during_download = true});
    auto agent = start_agent();
    for (int i = 0; i < 10; ++i) (void)agent->run_once();
    EXPECT_EQ(agent->status().phase, AgentPhase::Idle);
    EXPECT_EQ(installer_->installs(), 0);
    bool confirmed = false;
    for (const auto& feedback : server_.feedback()) {
        confirmed = confirmed ||
                    (feedback.for_cancel && feedback.action_id == action && feedback.execution == "closed");
    }
    EXPECT_TRUE(confirmed);
    EXPECT_EQ(agent->status().history.back().outcome, "canceled");
    for (const auto& entry : std::filesystem::directory_iterator(dir_ / "update")) {
        EXPECT_NE(entry.path().extension(), ".part") << "partial bundle left behind";
    }
}

TEST_F(UpdateAgentTest, RefusesUnsignedForeignAndOlderBundles) {
    struct Case {
        std::string compatible, version, signature, expect;
    };
    const std::vector<Case> cases = {{"hukiosk-x86_64", "1.1.0", "none", "no signature"},
                                     {"hukiosk-x86_64", "1.1.0", "unknown", "keyring"},
                                     {"hukiosk-arm64", "1.1.0", "good", "hukiosk-arm64"},
                                     {"hukiosk-x86_64", "0.9.0", "good", "not newer"},
                                     {"hukiosk-x86_64", "1.0.0", "good", "not newer"}};
    auto agent = start_agent();
    for (const auto& c : cases) {
        const std::string action = server_.offer(
            kController, make_test_bundle(c.compatible, c.version, 2048, c.signature), c.version);
        for (int i = 0; i < 4; ++i) (void)agent->run_once();
        EXPECT_EQ(server_.closed_reports(action), 1) << c.version << " " << c.signature;
        EXPECT_NE(last_closed_detail(action).find(c.expect), std::string::npos) << last_closed_detail(action);
    }
    EXPECT_EQ(installer_->installs(), 0);
}

TEST_F(UpdateAgentTest, AnUnhealthyNewSlotIsMarkedBadAndReportedFromTheOldOne) {
    const std::string action =
        server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", 4096), "1.1.0");
    auto agent = start_agent();
    ASSERT_TRUE(run_until(*agent, AgentPhase::Rebooting));
    agent.reset();
    installer_->reboot();
    healthy_ = false;
    const std::string failed_boot = installer_->boot_id();
    agent = start_agent("1.1.0");
    EXPECT_EQ(installer_->last_mark(), "bad");
    EXPECT_EQ(reboots_, 2);
    agent.reset();
    installer_->reboot();  // the bad slot is not booted again
    healthy_ = true;
    agent = start_agent("1.0.0");
    for (int i = 0; i < 3; ++i) (void)agent->run_once();
    EXPECT_EQ(installer_->installed_version(), "1.0.0");
    EXPECT_EQ(server_.closed_reports(action), 1);
    EXPECT_NE(last_closed_detail(action).find("health check failed"), std::string::npos);
    ASSERT_FALSE(failed_boot.empty());
    EXPECT_NE(last_closed_detail(action).find("journalctl -b " + failed_boot), std::string::npos)
        << "the report names the log of the failed boot";
    EXPECT_EQ(agent->status().highest_installed_version, "");
}

TEST_F(UpdateAgentTest, ANewSlotThatNeverBootsIsAFailure) {
    const std::string action =
        server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", 4096), "1.1.0");
    auto agent = start_agent();
    ASSERT_TRUE(run_until(*agent, AgentPhase::Rebooting));
    agent.reset();
    installer_->reboot(/*new_slot_boots=*/false);
    agent = start_agent("1.0.0");
    for (int i = 0; i < 3; ++i) (void)agent->run_once();
    EXPECT_EQ(server_.closed_reports(action), 1);
    EXPECT_NE(last_closed_detail(action).find("did not boot"), std::string::npos);
}

TEST_F(UpdateAgentTest, AFailedInstallGivesTheKioskBackAndIsReported) {
    const std::string action =
        server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", 4096), "1.1.0");
    installer_->fail_installs("Installation error: Failed to mount bundle");
    auto agent = start_agent();
    for (int i = 0; i < 6; ++i) (void)agent->run_once();
    EXPECT_EQ(agent->status().phase, AgentPhase::Idle);
    EXPECT_FALSE(in_maintenance_);
    EXPECT_EQ(server_.closed_reports(action), 1);
    EXPECT_NE(last_closed_detail(action).find("Failed to mount bundle"), std::string::npos);
}

TEST_F(UpdateAgentTest, AnOutcomeThatReachedTheServerIsNotSentAgainAfterARestart) {
    const std::string action =
        server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", 4096), "1.1.0");
    server_.set_faults({.answer_404 = 1});
    // The record says "reporting" although the report landed: what a kill between the two leaves behind.
    auto agent = start_agent();
    for (int i = 0; i < 4; ++i) (void)agent->run_once();
    ASSERT_EQ(server_.closed_reports(action), 1);
    AgentRecordStore store(dir_ / "update" / "update-agent.json");
    AgentRecord stale = store.load().value();
    stale.phase = AgentPhase::Reporting;
    stale.action_id = action;
    stale.feedback_url =
        server_.base_url() + "/DEFAULT/controller/v1/kiosk-7/deploymentBase/" + action + "/feedback";
    stale.finished = Finished::Failure;
    ASSERT_TRUE(store.save(stale));
    agent = start_agent();
    for (int i = 0; i < 3; ++i) (void)agent->run_once();
    EXPECT_EQ(server_.closed_reports(action), 1);
    EXPECT_TRUE(saw("update_reported"));
}

TEST_F(UpdateAgentTest, SendsItsAttributesWhenAskedAndUsesTheTargetToken) {
    server_.set_required_token("s3cret");
    server_.request_config_data(true);
    auto agent = start_agent();
    (void)agent->run_once();
    EXPECT_NE(agent->status().last_poll_error.find("401"), std::string::npos);
    client_ = std::make_unique<DdiClient>(DdiSettings{.server_url = server_.base_url(),
                                                      .controller_id = kController,
                                                      .target_token = "s3cret",
                                                      .allow_plain_http = true});
    agent = start_agent();
    (void)agent->run_once();
    EXPECT_EQ(agent->status().last_poll_error, "");
    EXPECT_EQ(server_.config_data().at("version"), "1.0.0");
    EXPECT_EQ(server_.config_data().at("province"), "JL");
}

TEST_F(UpdateAgentTest, AnUnreachableServerIsRetriedSoonThenAtTheServersPace) {
    client_ = std::make_unique<DdiClient>(DdiSettings{.server_url = "http://127.0.0.1:1",
                                                      .controller_id = kController,
                                                      .allow_plain_http = true,
                                                      .connect_timeout = std::chrono::milliseconds(500)});
    auto agent = start_agent();
    std::chrono::milliseconds first = agent->run_once();
    std::chrono::milliseconds later{0};
    for (int i = 0; i < 8; ++i) later = agent->run_once();
    EXPECT_FALSE(agent->status().last_poll_error.empty());
    EXPECT_LE(first, std::chrono::seconds(5));
    EXPECT_GT(later, first);
    EXPECT_LE(later, std::chrono::minutes(5));
}

TEST_F(UpdateAgentTest, DownloadSkipFetchesNothingUntilTheServerChangesItsMind) {
    const std::string action =
        server_.offer(kController, make_test_bundle("hukiosk-x86_64", "1.1.0", 4096), "1.1.0");
    server_.set_download_handling(action, "skip");
    auto agent = start_agent();
    for (int i = 0; i < 4; ++i) (void)agent->run_once();
    EXPECT_EQ(agent->status().phase, AgentPhase::Idle);
    EXPECT_EQ(server_.artifact_requests(), 0);
    EXPECT_TRUE(server_.feedback().empty()) << "a skipped download is not an action begun";

    server_.set_download_handling(action, "attempt");
    ASSERT_TRUE(run_until(*agent, AgentPhase::Rebooting));
    EXPECT_GT(server_.artifact_requests(), 0);
}

TEST_F(UpdateAgentTest, AConfigurationIsAppliedBetweenCitizensWithoutInstallOrRebootAndReportedOnce) {
    const std::string action =
        server_.offer_configuration(kController, make_test_configuration("2026.11.2"), "2026.11.2");
    auto agent = start_agent();
    configuration_target_.citizen_present = true;
    ASSERT_TRUE(run_until(*agent, AgentPhase::Waiting));
    EXPECT_EQ(agent->status().payload, Payload::Configuration);
    for (int i = 0; i < 3; ++i) (void)agent->run_once();
    EXPECT_EQ(agent->status().phase, AgentPhase::Waiting) << "not applied while a citizen is served";
    EXPECT_EQ(configuration_target_.applies, 0);

    configuration_target_.citizen_present = false;
    ASSERT_TRUE(run_until(*agent, AgentPhase::Idle));
    for (int i = 0; i < 3; ++i) (void)agent->run_once();
    EXPECT_EQ(configuration_target_.applies, 1);
    EXPECT_EQ(configuration_target_.in_force, "2026.11.2");
    EXPECT_EQ(server_.closed_reports(action), 1);
    EXPECT_EQ(last_closed_detail(action), "configuration 2026.11.2 in force");
    EXPECT_EQ(installer_->installs(), 0);
    EXPECT_EQ(reboots_, 0);
    EXPECT_FALSE(in_maintenance_) << "a configuration needs no maintenance screen";
    const AgentStatus status = agent->status();
    ASSERT_EQ(status.history.size(), 1U);
    EXPECT_EQ(status.history.back().payload, Payload::Configuration);
    EXPECT_EQ(status.history.back().outcome, "success");
    EXPECT_EQ(status.highest_installed_version, "") << "a configuration version is not a software version";
}

TEST_F(UpdateAgentTest, ARefusedConfigurationIsReportedAsAFailureAndTheOneInForceStays) {
    configuration_target_.in_force = "2026.11.1";
    const std::string forged =
        server_.offer_configuration(kController, make_test_configuration("2026.11.5", "bad"), "2026.11.5");
    auto agent = start_agent();
    ASSERT_TRUE(run_until(*agent, AgentPhase::Reporting, 10));
    ASSERT_TRUE(run_until(*agent, AgentPhase::Idle, 10));
    EXPECT_EQ(server_.closed_reports(forged), 1);
    EXPECT_EQ(last_closed_detail(forged), "configuration refused: signature not trusted");

    const std::string older =
        server_.offer_configuration(kController, make_test_configuration("2026.10.9"), "2026.10.9");
    for (int i = 0; i < 6; ++i) (void)agent->run_once();
    EXPECT_EQ(server_.closed_reports(older), 1);
    EXPECT_EQ(last_closed_detail(older), "configuration refused: version 2026.10.9 is older than 2026.11.1");
    EXPECT_EQ(configuration_target_.applies, 0);
    EXPECT_EQ(configuration_target_.in_force, "2026.11.1");
    EXPECT_EQ(agent->status().history.back().outcome, "failure");
}

TEST_F(UpdateAgentTest, AConfigurationAppliedAgainAfterARestartIsReportedOnce) {
    // Killed after the kiosk put the document in force but before the outcome was written: the restarted
    // agent applies it again, which the kiosk takes as done, and reports once.
    const std::string action =
        server_.offer_configuration(kController, make_test_configuration("2026.11.3"), "2026.11.3");
    auto agent = start_agent();
    configuration_target_.citizen_present = true;
    ASSERT_TRUE(run_until(*agent, AgentPhase::Waiting));
    agent.reset();
    configuration_target_.citizen_present = false;
    std::filesystem::path fetched;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ / "update")) {
        if (entry.path().extension() == ".p7m") fetched = entry.path();
    }
    ASSERT_TRUE(configuration_target_.apply(fetched).has_value());
    agent = start_agent();
    ASSERT_TRUE(run_until(*agent, AgentPhase::Idle));
    for (int i = 0; i < 3; ++i) (void)agent->run_once();
    EXPECT_EQ(configuration_target_.applies, 1);
    EXPECT_EQ(server_.closed_reports(action), 1);
}

TEST_F(UpdateAgentTest, AConfigurationInHandWhenTheTargetIsGoneIsRefusedNotFollowed) {
    const std::string action =
        server_.offer_configuration(kController, make_test_configuration("2026.11.2"), "2026.11.2");
    auto agent = start_agent();
    configuration_target_.citizen_present = true;
    ASSERT_TRUE(run_until(*agent, AgentPhase::Waiting));
    agent.reset();
    configuration_ = nullptr;  // the next process has no configuration target
    agent = start_agent();
    ASSERT_TRUE(run_until(*agent, AgentPhase::Idle));
    (void)agent->run_once();
    EXPECT_EQ(server_.closed_reports(action), 1);
    EXPECT_EQ(last_closed_detail(action), "this kiosk takes no configuration pushes");
}

TEST_F(UpdateAgentTest, AKioskThatTakesNoConfigurationRefusesOne) {
    configuration_ = nullptr;
    const std::string action =
        server_.offer_configuration(kController, make_test_configuration("2026.11.2"), "2026.11.2");
    auto agent = start_agent();
    ASSERT_TRUE(run_until(*agent, AgentPhase::Reporting, 10));
    ASSERT_TRUE(run_until(*agent, AgentPhase::Idle, 10));
    EXPECT_EQ(server_.closed_reports(action), 1);
    EXPECT_EQ(last_closed_detail(action), "this kiosk takes no configuration pushes");
}

}  // namespace
}  // namespace hk::update
