// The kiosk's update agent: one component, one state machine (idle, downloading, waiting for a quiet moment,
// installing, rebooting, confirming after the reboot, reporting), driven by polls of the hawkBit DDI API.
// An action carries a RAUC bundle or a signed configuration document; a configuration goes through the same
// phases but, instead of installing and rebooting, is applied between sessions by the kiosk.
//
// Every change of phase is written to the record before the agent acts on it, so a kill -9 or a power cut at
// any point resumes: a download resumes from its partial file, an interrupted install is tried again when the
// kiosk is quiet (twice at most), and an outcome is reported to the server exactly once (after a restart the
// agent first asks whether the server still offers the action; if it does not, the report had landed).
//
// The agent never interrupts a citizen: it installs only when the kiosk's hook says no session is active (and
// the hook puts the kiosk into maintenance so that none starts), inside the deployment's maintenance window.
// Bundles are refused unless RAUC accepts the signature, the compatible string is ours and the version is
// newer than both the running one and the highest ever installed.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "update/agent_record.h"
#include "update/artifact_fetch.h"
#include "update/ddi_messages.h"
#include "update/rollout_server.h"
#include "update/update_ports.h"

namespace hk::update {

struct AgentSettings {
    std::string compatible = "hukiosk-x86_64";
    std::string running_version = {};
    std::filesystem::path work_dir = {};  // the record, partial and complete bundles
    FetchPolicy fetch = {};
    std::chrono::seconds poll_override{0};     // > 0: poll this often whatever the server says
    std::chrono::seconds first_poll_retry{5};  // the network may not be up at start: retry soon, then less
    std::chrono::seconds quiet_retry{30};      // a citizen is at the screen: look again this soon
    std::vector<std::pair<std::string, std::string>> attributes =
        {};  // configData: version, hardware, province, site
    std::uint32_t random_seed = std::random_device{}();
    // Spread polls and retries randomly (on by default). Off only for the fleet simulation's baseline, to
    // show the synchronised bursts that spreading prevents.
    bool jitter = true;
};

struct KioskHooks {
    // True when no citizen session is active, after which the kiosk shows its maintenance screen and starts
    // no session until end_maintenance (or the reboot).
    std::function<bool()> begin_maintenance = [] { return true; };
    std::function<void()> end_maintenance = [] {};
    std::function<void()> reboot = [] {};
    // The kernel's boot id (/proc/sys/kernel/random/boot_id): a new one means the machine has rebooted.
    std::function<std::string()> boot_id = [] { return std::string(); };
    // After booting the new slot: devices enumerate, the UI is up, the central service answers.
    std::function<std::expected<void, std::string>()> health_check = [] {
        return std::expected<void, std::string>();
    };
    std::function<void(std::chrono::milliseconds)> pause = [](std::chrono::milliseconds) {};
    std::function<std::string()> now_utc = [] { return std::string(); };
    // Named events for the kiosk's log (update_downloaded, update_installed, update_succeeded,
    // configuration_failed ...).
    std::function<void(std::string_view event, std::string_view detail)> log = [](std::string_view,
                                                                                  std::string_view) {};
};

struct AgentStatus {
    AgentPhase phase = AgentPhase::Idle;
    Payload payload = Payload::Bundle;
    std::string action_id;
    std::string version;
    std::string running_version = {};
    std::string highest_installed_version;
    std::string last_poll_error;  // empty after a good poll
    std::uint64_t bytes_downloaded = 0;
    std::deque<HistoryEntry> history;
};

class UpdateAgent {
  public:
    // `configuration`: where pushed configuration documents go; none refuses them.
    UpdateAgent(AgentSettings settings, RolloutServer& server, BundleInspector& inspector,
                Installer& installer, KioskHooks hooks, ConfigurationTarget* configuration = nullptr);

    // Once at start: loads the record and finishes what a restart interrupted (the check after a reboot).
    void start();
    // One poll and whatever it leads to. Returns how long to wait before the next poll.
    std::chrono::milliseconds run_once();
    AgentStatus status() const;

  private:
    void handle_cancel(const std::string& cancel_url);
    void handle_new_deployment(const std::string& deployment_url);
    std::chrono::milliseconds continue_download(const PollAnswer& poll);
    std::chrono::milliseconds continue_waiting(const PollAnswer& poll);
    // The payload-specific ends of the two phases.
    void check_bundle();
    void check_configuration();
    std::chrono::milliseconds install_bundle();
    std::chrono::milliseconds apply_configuration();
    void confirm_after_reboot();
    void report(const PollAnswer& poll);
    void decide(Execution execution, Finished finished, std::string detail);
    // The action is over: into the history, and the record back to idle (keeping the highest version).
    void close_action(const char* outcome);
    // Intermediate feedback: `step` of the action's steps (a bundle: downloading, downloaded, installing,
    // then the outcome; a configuration: downloading, downloaded, then the outcome).
    void send_progress(Execution execution, std::string detail, int step);
    void enter(AgentPhase phase);
    void save();
    std::chrono::milliseconds jittered(std::chrono::milliseconds base);
    // The artifact being fetched (partial) or fetched: <sha256>.part, then .raucb or .p7m.
    std::filesystem::path artifact_file(bool partial) const;

    AgentSettings settings_;
    RolloutServer& server_;
    BundleInspector& inspector_;
    Installer& installer_;
    KioskHooks hooks_;
    ConfigurationTarget* configuration_;
    AgentRecordStore store_;
    std::mt19937 random_;
    int poll_failures_ = 0;
    std::chrono::milliseconds poll_interval_{300000};

    mutable std::mutex status_mutex_;
    AgentRecord record_;
    std::string last_poll_error_;
    std::uint64_t bytes_downloaded_ = 0;
};

}  // namespace hk::update
