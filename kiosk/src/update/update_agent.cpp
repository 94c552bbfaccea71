#include "update/update_agent.h"

#include <system_error>

#include "update/version_order.h"

namespace hk::update {
namespace {

std::string without_query(const std::string& url) {
    return url.substr(0, url.find('?'));
}

bool is_success(const std::expected<HttpReply, std::string>& reply) {
    return reply && reply->status >= 200 && reply->status < 300;
}

// The action id a link names, or empty.
std::string action_of(const std::optional<std::string>& link) {
    if (!link) return {};
    auto id = action_id_from_link(*link);
    return id ? *id : std::string();
}

}  // namespace

UpdateAgent::UpdateAgent(AgentSettings settings, RolloutServer& server, BundleInspector& inspector,
                         Installer& installer, KioskHooks hooks, ConfigurationTarget* configuration)
    : settings_(std::move(settings)),
      server_(server),
      inspector_(inspector),
      installer_(installer),
      hooks_(std::move(hooks)),
      configuration_(configuration),
      store_(settings_.work_dir / "update-agent.json"),
      random_(settings_.random_seed) {}

void UpdateAgent::start() {
    std::error_code ignored;
    std::filesystem::create_directories(settings_.work_dir, ignored);
    auto loaded = store_.load();
    if (!loaded) hooks_.log("update_record_lost", loaded.error());
    {
        std::lock_guard lock(status_mutex_);
        record_ = loaded ? std::move(*loaded) : AgentRecord{};
    }
    switch (record_.phase) {
        case AgentPhase::Rebooting:
            confirm_after_reboot();
            break;
        case AgentPhase::Installing:
            // Killed while RAUC wrote the other slot: that slot is in an unknown state. Install again (RAUC
            // rewrites the whole slot) when the kiosk is quiet, but not forever.
            if (record_.install_attempts >= 2) {
                decide(Execution::Closed, Finished::Failure, "the install was interrupted twice");
            } else {
                enter(AgentPhase::Waiting);
            }
            break;
        default:
            break;
    }
}

std::chrono::milliseconds UpdateAgent::jittered(std::chrono::milliseconds base) {
    // +-20 %, so kiosks started together (a power cut over a district, a server restart) drift apart.
    if (!settings_.jitter) return base;
    std::uniform_real_distribution<double> spread(0.8, 1.2);
    return std::chrono::milliseconds(
        static_cast<long long>(static_cast<double>(base.count()) * spread(random_)));
}

std::filesystem::path UpdateAgent::artifact_file(bool partial) const {
    const std::string_view suffix = partial                                     ? ".part"
                                    : record_.payload == Payload::Configuration ? kConfigurationSuffix
                                                                                : ".raucb";
    return settings_.work_dir / (record_.artifact.sha256 + std::string(suffix));
}

void UpdateAgent::enter(AgentPhase phase) {
    {
        std::lock_guard lock(status_mutex_);
        record_.phase = phase;
    }
    save();
}

void UpdateAgent::save() {
    std::lock_guard lock(status_mutex_);
    if (auto saved = store_.save(record_); !saved) hooks_.log("update_record_unsaved", saved.error());
}

void UpdateAgent::decide(Execution execution, Finished finished, std::string detail) {
    {
        std::lock_guard lock(status_mutex_);
        record_.execution = execution;
        record_.finished = finished;
        record_.detail = std::move(detail);
    }
    const bool configuration = record_.payload == Payload::Configuration;
    const bool success = finished == Finished::Success;
    hooks_.log(configuration ? (success ? "configuration_applied" : "configuration_failed")
                             : (success ? "update_succeeded" : "update_failed"),
               record_.detail);
    std::error_code ignored;
    std::filesystem::remove(artifact_file(true), ignored);
    std::filesystem::remove(artifact_file(false), ignored);
    enter(AgentPhase::Reporting);
}

void UpdateAgent::send_progress(Execution execution, std::string detail, int step) {
    // Intermediate feedback is a courtesy to the operator: a lost one is not retried.
    const int steps = record_.payload == Payload::Configuration ? 3 : 4;
    Feedback feedback{.execution = execution,
                      .finished = Finished::None,
                      .progress = std::pair{step, steps},
                      .details = {std::move(detail)}};
    (void)server_.post_json(record_.feedback_url, feedback_json(feedback));
}

std::chrono::milliseconds UpdateAgent::run_once() {
    auto reply = server_.poll();
    std::expected<PollAnswer, std::string> poll = std::unexpected(std::string());
    if (!reply) {
        poll = std::unexpected("rollout server unreachable: " + reply.error());
    } else if (reply->status != 200) {
        poll = std::unexpected("rollout server answered " + std::to_string(reply->status));
    } else {
        poll = parse_poll_answer(reply->body);
    }
    if (!poll) {
        {
            std::lock_guard lock(status_mutex_);
            last_poll_error_ = poll.error();
        }
        // Before the network is up, or while the server is away: soon at first, then no faster than the
        // interval the server asked for last.
        const auto first = std::chrono::duration_cast<std::chrono::milliseconds>(settings_.first_poll_retry);
        const auto cap = std::max(first, poll_interval_);
        return retry_pause(poll_failures_++, first, cap, random_, settings_.jitter);
    }
    poll_failures_ = 0;
    {
        std::lock_guard lock(status_mutex_);
        last_poll_error_.clear();
    }
    poll_interval_ = settings_.poll_override.count() > 0 ? settings_.poll_override : poll->sleep;
    const auto next_poll = jittered(poll_interval_);

    if (poll->config_data_url) {
        (void)server_.put_json(*poll->config_data_url, config_data_json(settings_.attributes));
    }
    if (record_.phase == AgentPhase::Reporting) {
        report(*poll);
        return next_poll;
    }
    if (poll->cancel_url) {
        handle_cancel(*poll->cancel_url);
        return record_.phase == AgentPhase::Reporting ? std::chrono::milliseconds(0) : next_poll;
    }
    if (record_.phase == AgentPhase::Idle && poll->deployment_url)
        handle_new_deployment(*poll->deployment_url);
    switch (record_.phase) {
        case AgentPhase::Downloading:
            return std::min(next_poll, continue_download(*poll));
        case AgentPhase::Waiting:
            return std::min(next_poll, continue_waiting(*poll));
        case AgentPhase::Reporting:
            return std::chrono::milliseconds(0);  // report at once
        default:
            return next_poll;
    }
}

void UpdateAgent::handle_new_deployment(const std::string& deployment_url) {
    const std::string action_id = action_of(deployment_url);
    if (action_id.empty()) return;
    {
        std::lock_guard lock(status_mutex_);
        record_.action_id = action_id;
        record_.version.clear();
        record_.payload = Payload::Bundle;
        record_.artifact = Artifact{};
        record_.feedback_url = without_query(deployment_url) + "/feedback";
        record_.answering_cancel = false;
        record_.install_attempts = 0;
        record_.slot_before_install.clear();
    }
    auto reply = server_.get(deployment_url);
    if (!is_success(reply)) return;  // try again at the next poll
    auto deployment = parse_deployment(reply->body);
    if (!deployment || deployment->action_id != action_id) {
        decide(Execution::Closed, Finished::Failure,
               "deployment refused: " + (deployment ? std::string("action id differs") : deployment.error()));
        return;
    }
    {
        std::lock_guard lock(status_mutex_);
        record_.version = deployment->version;
        record_.payload = deployment->payload;
        record_.artifact = deployment->artifact;
        bytes_downloaded_ = 0;
    }
    if (deployment->download == Handling::Skip) {
        // The server announces the action but wants nothing fetched yet (hawkBit "download": "skip"): stay
        // idle and read it again at the next poll, when the server may have changed its mind.
        return;
    }
    if (deployment->payload == Payload::Configuration && configuration_ == nullptr) {
        decide(Execution::Closed, Finished::Failure, "this kiosk takes no configuration pushes");
        return;
    }
    hooks_.log("update_offered", "action " + action_id + ", " + std::string(to_string(record_.payload)) +
                                     " version " + record_.version);
    enter(AgentPhase::Downloading);
    send_progress(Execution::Proceeding, "downloading " + record_.artifact.filename, 1);
}

std::chrono::milliseconds UpdateAgent::continue_download(const PollAnswer& /*poll*/) {
    const FetchOutcome fetched = fetch_artifact(server_, record_.artifact, artifact_file(true),
                                                settings_.fetch, random_, hooks_.pause);
    {
        std::lock_guard lock(status_mutex_);
        bytes_downloaded_ += fetched.bytes_received;
    }
    switch (fetched.end) {
        case FetchEnd::Paused:
            return std::chrono::milliseconds(0);
        case FetchEnd::GaveUp:
            hooks_.log("update_download_retry", fetched.detail);
            return retry_pause(0, settings_.fetch.max_pause, settings_.fetch.max_pause, random_);
        case FetchEnd::Refused:
        case FetchEnd::HashMismatch:
            decide(Execution::Closed, Finished::Failure, fetched.detail);
            return std::chrono::milliseconds(0);
        case FetchEnd::Complete:
            break;
    }
    std::error_code error;
    std::filesystem::rename(artifact_file(true), artifact_file(false), error);
    if (error) {
        decide(Execution::Closed, Finished::Failure, "cannot keep the download: " + error.message());
        return std::chrono::milliseconds(0);
    }
    if (record_.payload == Payload::Configuration) {
        check_configuration();
    } else {
        check_bundle();
    }
    return std::chrono::milliseconds(0);
}

void UpdateAgent::check_bundle() {
    auto facts = inspector_.inspect(artifact_file(false));
    if (!facts) {
        decide(Execution::Closed, Finished::Failure, "bundle refused: " + facts.error().detail);
        return;
    }
    if (facts->compatible != settings_.compatible) {
        decide(Execution::Closed, Finished::Failure,
               "bundle is for " + facts->compatible + ", this kiosk is " + settings_.compatible);
        return;
    }
    const std::string& floor = is_newer(record_.highest_installed_version, settings_.running_version)
                                   ? record_.highest_installed_version
                                   : settings_.running_version;
    if (!is_newer(facts->version, floor)) {
        decide(Execution::Closed, Finished::Failure,
               "bundle version " + facts->version + " is not newer than " + floor + " (no rollback)");
        return;
    }
    {
        std::lock_guard lock(status_mutex_);
        record_.version = facts->version;
    }
    hooks_.log("update_downloaded", "version " + facts->version);
    enter(AgentPhase::Waiting);
    send_progress(Execution::Downloaded, "bundle " + facts->version + " downloaded and verified", 2);
}

void UpdateAgent::check_configuration() {
    if (configuration_ == nullptr) {  // a record from a process that had a target, read by one without
        decide(Execution::Closed, Finished::Failure, "this kiosk takes no configuration pushes");
        return;
    }
    auto version = configuration_->check(artifact_file(false));
    if (!version) {
        decide(Execution::Closed, Finished::Failure, "configuration refused: " + version.error());
        return;
    }
    {
        std::lock_guard lock(status_mutex_);
        record_.version = *version;
    }
    hooks_.log("update_downloaded", "configuration " + *version);
    enter(AgentPhase::Waiting);
    send_progress(Execution::Downloaded, "configuration " + *version + " downloaded and verified", 2);
}

std::chrono::milliseconds UpdateAgent::continue_waiting(const PollAnswer& poll) {
    if (!poll.deployment_url || action_of(poll.deployment_url) != record_.action_id) {
        // The server no longer offers the action and asked for no cancel (it was closed or deleted there):
        // there is nobody to report to; drop the bundle rather than wait for it for ever.
        {
            std::lock_guard lock(status_mutex_);
            record_.detail = "withdrawn by the rollout server before the install";
        }
        std::error_code ignored;
        std::filesystem::remove(artifact_file(false), ignored);
        hooks_.log("update_canceled", "action " + record_.action_id + " withdrawn by the rollout server");
        close_action("withdrawn");
        return std::chrono::milliseconds(0);
    }
    // The server may have changed the action's handling or opened its window since: read it again.
    auto reply = server_.get(*poll.deployment_url);
    auto deployment =
        is_success(reply) ? parse_deployment(reply->body) : std::unexpected(std::string("no answer"));
    if (!deployment || deployment->update == Handling::Skip || !deployment->in_maintenance_window) {
        return settings_.quiet_retry;
    }
    return record_.payload == Payload::Configuration ? apply_configuration() : install_bundle();
}

std::chrono::milliseconds UpdateAgent::install_bundle() {
    if (!hooks_.begin_maintenance()) return settings_.quiet_retry;  // a citizen is at the screen
    auto slot = installer_.booted_slot();
    {
        std::lock_guard lock(status_mutex_);
        record_.slot_before_install = slot ? *slot : std::string();
        record_.boot_before_install = hooks_.boot_id();
        ++record_.install_attempts;
    }
    enter(AgentPhase::Installing);
    hooks_.log("update_installing", "version " + record_.version);
    send_progress(Execution::Proceeding, "installing " + record_.version, 3);
    // RAUC's own progress, passed on at each quarter so the operator sees a long install move.
    int quarters_told = 0;
    auto installed = installer_.install(artifact_file(false), [&](const InstallProgress& progress) {
        if (progress.percent / 25 <= quarters_told) return;
        quarters_told = progress.percent / 25;
        send_progress(Execution::Proceeding,
                      "installing " + record_.version + ": " + std::to_string(progress.percent) + " % " +
                          progress.message,
                      3);
    });
    if (!installed) {
        hooks_.end_maintenance();
        decide(Execution::Closed, Finished::Failure, "install failed: " + installed.error());
        return std::chrono::milliseconds(0);
    }
    std::error_code ignored;
    std::filesystem::remove(artifact_file(false), ignored);
    enter(AgentPhase::Rebooting);
    hooks_.log("update_installed", "version " + record_.version + ", rebooting into the other slot");
    hooks_.reboot();
    return settings_.quiet_retry;
}

std::chrono::milliseconds UpdateAgent::apply_configuration() {
    // No maintenance screen and no reboot: the kiosk swaps the configuration between two citizens. A kill
    // before the outcome is written repeats the apply after the restart, which the kiosk takes as done.
    if (configuration_ == nullptr) {
        decide(Execution::Closed, Finished::Failure, "this kiosk takes no configuration pushes");
        return std::chrono::milliseconds(0);
    }
    auto applied = configuration_->apply(artifact_file(false));
    if (!applied) {
        decide(Execution::Closed, Finished::Failure, "configuration refused: " + applied.error());
        return std::chrono::milliseconds(0);
    }
    if (*applied == ApplyOutcome::Busy) return settings_.quiet_retry;
    decide(Execution::Closed, Finished::Success, "configuration " + record_.version + " in force");
    return std::chrono::milliseconds(0);
}

void UpdateAgent::confirm_after_reboot() {
    if (!record_.boot_before_install.empty() && hooks_.boot_id() == record_.boot_before_install) {
        // Restarted (a crash, a kill) after the install but before the reboot: the new slot is waiting.
        hooks_.log("update_reboot_pending", "version " + record_.version);
        hooks_.reboot();
        return;
    }
    auto booted = installer_.booted_slot();
    if (!booted) {
        decide(Execution::Closed, Finished::Failure, "cannot read the booted slot: " + booted.error());
        return;
    }
    if (*booted == record_.slot_before_install) {
        // The boot counter ran out in the new slot (or the reboot never happened): we are back in the old
        // one.
        decide(Execution::Closed, Finished::Failure,
               "the new slot did not boot; running " + *booted + " again");
        return;
    }
    auto healthy = hooks_.health_check();
    if (!healthy) {
        (void)installer_.mark_booted(SlotHealth::Bad);
        decide(Execution::Closed, Finished::Failure,
               "health check failed after the update: " + healthy.error() +
                   " (the log of that boot: journalctl -b " + hooks_.boot_id() + ")");
        hooks_.reboot();  // back into the old slot, which reports
        return;
    }
    if (auto marked = installer_.mark_booted(SlotHealth::Good); !marked) {
        decide(Execution::Closed, Finished::Failure, "cannot mark the slot good: " + marked.error());
        return;
    }
    {
        std::lock_guard lock(status_mutex_);
        record_.highest_installed_version = record_.version;
    }
    decide(Execution::Closed, Finished::Success, "running " + record_.version + " in " + *booted);
}

void UpdateAgent::handle_cancel(const std::string& cancel_url) {
    auto reply = server_.get(cancel_url);
    if (!is_success(reply)) return;
    auto request = parse_cancel_request(reply->body);
    if (!request) return;
    const bool ours = request->stop_id == record_.action_id && record_.phase != AgentPhase::Idle;
    const bool stoppable = record_.phase == AgentPhase::Downloading || record_.phase == AgentPhase::Waiting;
    std::string feedback = without_query(cancel_url) + "/feedback";
    if (ours && !stoppable) {
        // Installing or installed: too late to stop; the deployment's own outcome follows.
        Feedback rejected{
            .execution = Execution::Rejected, .finished = Finished::None, .details = {"too late"}};
        (void)server_.post_json(feedback, feedback_json(rejected));
        return;
    }
    {
        std::lock_guard lock(status_mutex_);
        if (!ours) {
            record_.action_id = request->action_id;
            record_.version.clear();
            record_.artifact = Artifact{};
        }
        record_.feedback_url = feedback;
        record_.answering_cancel = true;
    }
    hooks_.log("update_canceled", "action " + request->stop_id);
    decide(Execution::Closed, Finished::Success, "canceled");
}

void UpdateAgent::report(const PollAnswer& poll) {
    // Still offered means the server has not had our outcome; not offered means an earlier report landed (the
    // agent was stopped between sending it and writing that down): do not send it twice.
    const auto& offered = record_.answering_cancel ? poll.cancel_url : poll.deployment_url;
    const bool still_open = action_of(offered) == record_.action_id;
    if (still_open) {
        Feedback outcome{
            .execution = record_.execution, .finished = record_.finished, .details = {record_.detail}};
        if (!is_success(server_.post_json(record_.feedback_url, feedback_json(outcome))))
            return;  // next poll
        hooks_.log("update_report_sent", record_.action_id);
    }
    const char* outcome = record_.answering_cancel                ? "canceled"
                          : record_.finished == Finished::Success ? "success"
                                                                  : "failure";
    hooks_.log("update_reported", still_open ? "outcome sent" : "outcome had already reached the server");
    close_action(outcome);
}

void UpdateAgent::close_action(const char* outcome) {
    {
        std::lock_guard lock(status_mutex_);
        record_.history.push_back(
            {record_.action_id, record_.version, outcome, record_.detail, hooks_.now_utc(), record_.payload});
        while (record_.history.size() > kHistoryLength) record_.history.pop_front();
        const std::string kept_highest = record_.highest_installed_version;
        auto history = std::move(record_.history);
        record_ = AgentRecord{};
        record_.history = std::move(history);
        record_.highest_installed_version = kept_highest;
    }
    save();
}

AgentStatus UpdateAgent::status() const {
    std::lock_guard lock(status_mutex_);
    return AgentStatus{.phase = record_.phase,
                       .payload = record_.payload,
                       .action_id = record_.action_id,
                       .version = record_.version,
                       .running_version = settings_.running_version,
                       .highest_installed_version = record_.highest_installed_version,
                       .last_poll_error = last_poll_error_,
                       .bytes_downloaded = bytes_downloaded_,
                       .history = record_.history};
}

}  // namespace hk::update
