// What the update agent must remember across a power cut or a kill -9: the action it works on, how far it
// got, an outcome not yet reported, the highest version ever installed (anti-rollback) and a short history
// for technicians. Written atomically (temporary file, fsync, rename, fsync of the folder) at every change of
// phase, before the agent acts on it, so after a restart it carries on and reports each action's outcome
// exactly once.
#pragma once

#include <cstdint>
#include <deque>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>

#include "update/ddi_messages.h"

namespace hk::update {

enum class AgentPhase : std::uint8_t {
    Idle,         // nothing in hand
    Downloading,  // an action accepted, its artifact being fetched
    Waiting,      // bundle or configuration fetched and checked: waiting for no citizen and the window
    Installing,   // RAUC is writing the other slot
    Rebooting,    // installed; the next start is in the new slot (or, if it failed to boot, in the old)
    Reporting,    // an outcome is decided and must reach the server once
};

std::string_view to_string(AgentPhase phase);

struct HistoryEntry {
    std::string action_id;
    std::string version;
    std::string outcome;  // "success", "failure", "canceled"
    std::string detail;
    std::string at;  // UTC ISO 8601
    Payload payload = Payload::Bundle;
};

struct AgentRecord {
    AgentPhase phase = AgentPhase::Idle;
    std::string action_id;
    std::string version;
    Payload payload = Payload::Bundle;
    Artifact artifact;                // the bundle or the configuration document
    std::string feedback_url;         // where this action's feedback goes (deploymentBase/ID/feedback)
    bool answering_cancel = false;    // the outcome answers a cancelAction, not the deployment
    std::string slot_before_install;  // RAUC's booted slot when we installed
    std::string
        boot_before_install;  // the kernel's boot id then: tells "not rebooted yet" from "rolled back"
    int install_attempts = 0;
    // The outcome to report (phase Reporting).
    Execution execution = Execution::Closed;
    Finished finished = Finished::None;
    std::string detail;
    std::string highest_installed_version;
    std::deque<HistoryEntry> history;  // newest last, at most kHistoryLength
};

inline constexpr std::size_t kHistoryLength = 20;

class AgentRecordStore {
  public:
    explicit AgentRecordStore(std::filesystem::path file) : file_(std::move(file)) {}
    // A missing file is a fresh agent; an unreadable one is kept aside (renamed .corrupt) and also a fresh
    // agent, with the reason returned so the agent can log it.
    std::expected<AgentRecord, std::string> load() const;
    std::expected<void, std::string> save(const AgentRecord& record) const;
    const std::filesystem::path& file() const { return file_; }

  private:
    std::filesystem::path file_;
};

}  // namespace hk::update
