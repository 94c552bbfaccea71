// Issue 9's fleet simulation: thousands of update agents against the DDI test server on loopback, in
// compressed time. Every request is real HTTP (libcurl to cpp-httplib); only the waits between them are
// virtual: an event loop runs the agent whose next poll is due soonest and adds the pause it asks for to its
// own virtual clock.
//
// Figures, each beside a baseline run in the same process:
//   - polls per second after a server restart (peak over mean), agents with jitter vs without;
//   - bytes downloaded per agent when 5 % of downloads break half-way, resuming vs restarting from zero;
//   - artifact requests by an agent whose artifact answers 404 (bounded: one);
//   - actions reported exactly once.
// `fleet_bench [--agents N]` (default 10000); `make bench` runs it with the benchmark programs.
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "ddi_test_server.h"
#include "update/ddi_client.h"
#include "update/update_agent.h"
#include "update_doubles.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using hk::update::AgentPhase;
using Millis = std::chrono::milliseconds;

constexpr std::size_t kBundleBytes = 64 * 1024;

// One agent's view of the server: its own controller URL, the fleet's one shared HTTP client (one keep-alive
// connection rather than ten thousand), and optionally no resume (the baseline deletes the partial file
// first).
class AgentLink final : public hk::update::RolloutServer {
  public:
    AgentLink(hk::update::DdiClient& shared, std::string poll_url, bool resume)
        : shared_(shared), poll_url_(std::move(poll_url)), resume_(resume) {}
    std::expected<hk::update::HttpReply, std::string> poll() override { return shared_.get(poll_url_); }
    std::expected<hk::update::HttpReply, std::string> get(const std::string& url) override {
        return shared_.get(url);
    }
    std::expected<hk::update::HttpReply, std::string> post_json(const std::string& url,
                                                                const std::string& body) override {
        return shared_.post_json(url, body);
    }
    std::expected<hk::update::HttpReply, std::string> put_json(const std::string& url,
                                                               const std::string& body) override {
        return shared_.put_json(url, body);
    }
    hk::update::DownloadAttempt download(const std::string& url, const fs::path& file, std::uint64_t size,
                                         Millis slice) override {
        if (!resume_) fs::remove(file);
        return shared_.download(url, file, size, slice);
    }

  private:
    hk::update::DdiClient& shared_;
    std::string poll_url_;
    bool resume_;
};

struct SimAgent {
    std::unique_ptr<AgentLink> link;
    std::unique_ptr<hk::update::SimulatedSlots> slots;
    std::unique_ptr<hk::update::UpdateAgent> agent;
    Millis clock{0};          // this agent's virtual time
    Millis pending_pause{0};  // pauses it asked for inside a poll (download retries)
    bool reboot_pending = false;
};

struct Scenario {
    std::size_t agents = 10000;
    bool jitter = true;
    bool resume = true;
    double drop_probability = 0.05;
    double missing_artifact_share = 0.05;
    Millis outage{600s};  // the server is down from the start for this long (a restart after a power cut)
    Millis horizon{3600s};
};

struct Figures {
    double peak_over_mean_polls = 0;  // in the 10 minutes after the server came back
    std::size_t peak_polls_per_second = 0;
    double bytes_per_agent = 0;  // artifact bytes sent per agent that completed
    int max_requests_after_404 = 0;
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::size_t reported_twice = 0;
    std::size_t never_reported = 0;
    std::size_t requests = 0;
    double wall_seconds = 0;
};

Figures simulate(const Scenario& scenario, const fs::path& dir) {
    const auto wall_start = std::chrono::steady_clock::now();
    hk::update::testing::DdiTestServer server;
    server.set_polling_sleep("00:05:00");
    hk::update::testing::TextBundleInspector inspector;
    hk::update::DdiClient shared(
        {.server_url = server.base_url(), .controller_id = "fleet", .allow_plain_http = true});
    std::vector<SimAgent> fleet(scenario.agents);
    std::vector<std::string> actions(scenario.agents);
    std::vector<bool> missing(scenario.agents, false);
    const std::string bundle = hk::update::testing::make_test_bundle("hukiosk-x86_64", "2.0.0", kBundleBytes);
    for (std::size_t i = 0; i < scenario.agents; ++i) {
        const std::string id = "kiosk-" + std::to_string(i);
        actions[i] = server.offer(id, bundle, "2.0.0");
        missing[i] = static_cast<double>(i % 100) < scenario.missing_artifact_share * 100;
        if (missing[i]) server.remove_artifact(actions[i]);
        SimAgent& sim = fleet[i];
        const fs::path home = dir / id;
        sim.link = std::make_unique<AgentLink>(shared, server.base_url() + "/DEFAULT/controller/v1/" + id,
                                               scenario.resume);
        sim.slots = std::make_unique<hk::update::SimulatedSlots>(home / "slots.json", inspector);
        hk::update::AgentSettings settings{.running_version = "1.0.0", .work_dir = home / "update"};
        settings.random_seed = static_cast<std::uint32_t>(i + 1);
        settings.jitter = scenario.jitter;
        settings.quiet_retry = 30s;
        hk::update::KioskHooks hooks;
        hooks.reboot = [&sim] { sim.reboot_pending = true; };
        hooks.boot_id = [&sim] { return sim.slots->boot_id(); };
        hooks.pause = [&sim](Millis pause) { sim.pending_pause += pause; };
        sim.agent = std::make_unique<hk::update::UpdateAgent>(std::move(settings), *sim.link, inspector,
                                                              *sim.slots, std::move(hooks));
        sim.agent->start();
    }
    server.set_unavailable(true);
    server.set_faults({.drop_probability = scenario.drop_probability});

    using Due = std::pair<Millis, std::size_t>;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> queue;
    for (std::size_t i = 0; i < scenario.agents; ++i) queue.emplace(Millis(0), i);  // all boot together
    std::map<long long, std::size_t> polls_per_second;
    bool server_up = false;
    while (!queue.empty() && queue.top().first < scenario.horizon) {
        auto [now, index] = queue.top();
        queue.pop();
        if (!server_up && now >= scenario.outage) {
            server.set_unavailable(false);
            server_up = true;
        }
        SimAgent& sim = fleet[index];
        sim.clock = now;
        ++polls_per_second[now.count() / 1000];
        Millis next = sim.agent->run_once();
        next += sim.pending_pause;
        sim.pending_pause = 0ms;
        if (sim.reboot_pending) {  // the kiosk reboots into the new slot: a fresh start of the agent
            sim.reboot_pending = false;
            sim.slots->reboot();
            sim.agent->start();
            next = 60s;  // boot time
        }
        const auto status = sim.agent->status();
        if (status.phase == AgentPhase::Idle && !status.history.empty()) continue;  // this kiosk is done
        queue.emplace(now + std::max(next, Millis(1)), index);
    }

    Figures figures;
    // Polls per second in the ten minutes after the server came back.
    const long long from = scenario.outage.count() / 1000;
    std::size_t total = 0;
    for (long long second = from; second < from + 600; ++second) {
        const std::size_t polls = polls_per_second.contains(second) ? polls_per_second[second] : 0;
        total += polls;
        figures.peak_polls_per_second = std::max(figures.peak_polls_per_second, polls);
    }
    figures.peak_over_mean_polls = total == 0 ? 0
                                              : static_cast<double>(figures.peak_polls_per_second) /
                                                    (static_cast<double>(total) / 600.0);
    std::map<std::string, int> closed;
    std::map<std::string, int> artifact_requests;  // not per agent from the server: counted below from ranges
    for (const auto& feedback : server.feedback()) {
        if (feedback.execution == "closed") ++closed[feedback.action_id];
    }
    for (std::size_t i = 0; i < scenario.agents; ++i) {
        const int reports = closed[actions[i]];
        if (reports > 1) ++figures.reported_twice;
        if (reports == 0) ++figures.never_reported;
        const auto history = fleet[i].agent->status().history;
        const bool success = !history.empty() && history.back().outcome == "success";
        success ? ++figures.succeeded : ++figures.failed;
    }
    figures.bytes_per_agent = figures.succeeded == 0 ? 0
                                                     : static_cast<double>(server.artifact_bytes_sent()) /
                                                           static_cast<double>(figures.succeeded);
    figures.requests = static_cast<std::size_t>(server.polls());
    figures.max_requests_after_404 = server.max_requests_for_missing_artifacts();
    figures.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return figures;
}

void print(const char* name, const Figures& f) {
    std::printf(
        "%-26s peak %5zu polls/s, peak/mean %6.2f | %8.0f artifact bytes per updated kiosk | %zu updated, "
        "%zu "
        "failed (404s), reported twice %zu, never %zu | max artifact requests for a 404: %d | %zu polls, "
        "%.1f s\n",
        name, f.peak_polls_per_second, f.peak_over_mean_polls, f.bytes_per_agent, f.succeeded, f.failed,
        f.reported_twice, f.never_reported, f.max_requests_after_404, f.requests, f.wall_seconds);
}

}  // namespace

int main(int argc, char** argv) {
    Scenario scenario;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--agents") scenario.agents = std::stoul(argv[i + 1]);
    }
    const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    const fs::path dir = base / ("hk-fleet-" + std::to_string(::getpid()));
    std::printf(
        "fleet simulation: %zu agents, %zu-byte bundle, server down for the first %lld s, 5 %% of downloads "
        "cut half-way, 5 %% of artifacts missing (404)\n",
        scenario.agents, kBundleBytes, static_cast<long long>(scenario.outage.count() / 1000));

    const Figures fleet = simulate(scenario, dir / "fleet");
    print("agents (jitter, resume)", fleet);
    Scenario baseline = scenario;
    baseline.jitter = false;
    baseline.resume = false;
    const Figures plain = simulate(baseline, dir / "baseline");
    print("baseline (no jitter/resume)", plain);
    fs::remove_all(dir);
    std::printf(
        "ratios: poll burst %.3fx of baseline's peak/mean; artifact bytes %.3fx of baseline's; one bundle is "
        "%zu bytes, so the fleet fetched %.3fx of the minimum\n",
        plain.peak_over_mean_polls == 0 ? 0 : fleet.peak_over_mean_polls / plain.peak_over_mean_polls,
        plain.bytes_per_agent == 0 ? 0 : fleet.bytes_per_agent / plain.bytes_per_agent, kBundleBytes,
        fleet.bytes_per_agent / static_cast<double>(kBundleBytes));
    const bool exactly_once = fleet.reported_twice == 0 && fleet.never_reported == 0;
    std::printf("every action reported exactly once: %s\n", exactly_once ? "yes" : "NO");
    return exactly_once && fleet.max_requests_after_404 <= 1 ? 0 : 1;
}
