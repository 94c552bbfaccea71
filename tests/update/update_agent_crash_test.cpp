// A kill -9 at every step of the agent: the kiosk process restarts (and, where it had asked for one, reboots
// into the other slot), and the action's outcome still reaches the server exactly once, with the update
// installed.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ddi_test_server.h"
#include "update_doubles.h"

extern char** environ;

namespace hk::update {
namespace {

struct AgentRun {
    bool killed = false;
    int exit_code = -1;
};

AgentRun run_agent(const std::string& server, const std::filesystem::path& dir, const std::string& running,
                   const std::string& die_at) {
    const std::string runner = UPDATE_AGENT_RUNNER;
    const std::string dir_text = dir.string();
    std::vector<char*> argv = {const_cast<char*>(runner.c_str()),   const_cast<char*>(server.c_str()),
                               const_cast<char*>(dir_text.c_str()), const_cast<char*>(running.c_str()),
                               const_cast<char*>(die_at.c_str()),   nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, runner.c_str(), nullptr, nullptr, argv.data(), environ) != 0) return {};
    int status = 0;
    waitpid(pid, &status, 0);
    return {.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
            .exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

class KilledAgent : public ::testing::TestWithParam<std::string> {};

TEST_P(KilledAgent, ReportsExactlyOnceAfterRestart) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                      ("hk-crash-" + std::to_string(::getpid()) + "-" + GetParam());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    testing::DdiTestServer server;
    const std::string action = server.offer(
        "kiosk-crash", testing::make_test_bundle("hukiosk-x86_64", "1.1.0", 200 * 1024), "1.1.0");
    testing::TextBundleInspector inspector;
    testing::SimulatedSlots slots(dir / "slots.json", inspector);

    bool died = false;
    bool finished = false;
    for (int start = 0; start < 6 && !finished; ++start) {
        if (std::filesystem::remove(dir / "reboot-requested")) slots.reboot();
        const AgentRun run = run_agent(server.base_url(), dir, slots.installed_version(), GetParam());
        died = died || run.killed;
        finished = !run.killed && run.exit_code == 0 && !std::filesystem::exists(dir / "reboot-requested");
    }
    EXPECT_TRUE(died) << "the agent never reached " << GetParam();
    EXPECT_TRUE(finished);
    EXPECT_EQ(server.closed_reports(action), 1);
    EXPECT_EQ(slots.installed_version(), "1.1.0");
    EXPECT_EQ(slots.last_mark(), "good");
    for (const auto& feedback : server.feedback()) {
        if (feedback.execution == "closed") {
            EXPECT_EQ(feedback.finished, "success");
        }
    }
    std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(EveryStep, KilledAgent,
                         ::testing::Values("update_offered", "update_downloaded", "update_installing",
                                           "update_installed", "update_succeeded", "update_report_sent",
                                           "update_reported"));

// The same for a site configuration: no install, no reboot; applied once, reported once.
class KilledAgentWithConfiguration : public ::testing::TestWithParam<std::string> {};

TEST_P(KilledAgentWithConfiguration, AppliesOnceAndReportsExactlyOnceAfterRestart) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                      ("hk-crash-config-" + std::to_string(::getpid()) + "-" + GetParam());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    testing::DdiTestServer server;
    const std::string action =
        server.offer_configuration("kiosk-crash", testing::make_test_configuration("2026.11.2"), "2026.11.2");

    bool died = false;
    bool finished = false;
    for (int start = 0; start < 4 && !finished; ++start) {
        const AgentRun run = run_agent(server.base_url(), dir, "1.0.0", GetParam());
        died = died || run.killed;
        finished = !run.killed && run.exit_code == 0;
    }
    EXPECT_TRUE(died) << "the agent never reached " << GetParam();
    EXPECT_TRUE(finished);
    EXPECT_EQ(server.closed_reports(action), 1);
    const testing::TextConfigurationTarget kept(dir / "configuration.txt");
    EXPECT_EQ(kept.in_force, "2026.11.2");
    EXPECT_EQ(kept.applies, 1);
    std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(EveryStep, KilledAgentWithConfiguration,
                         ::testing::Values("update_offered", "update_downloaded", "configuration_applied",
                                           "update_report_sent", "update_reported"));

}  // namespace
}  // namespace hk::update
