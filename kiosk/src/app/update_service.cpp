#include "update_service.h"

#include <spawn.h>
#include <sys/wait.h>

#include <fstream>

#include "drivers/device.h"
#include "operations.h"
#include "ops/audit/audit_record.h"
#include "ops/events/log_event.h"
#include "update/rauc_bundle_inspector.h"
#include "update/rauc_dbus_installer.h"
#include "update/simulated_slots.h"

extern char** environ;

namespace hk::kiosk {
namespace {

using ops::EventId;
using namespace std::chrono_literals;

// The agent's named events, as catalogue events (kiosk/events.toml).
void log_agent_event(std::string_view name, std::string_view detail) {
    static const std::pair<std::string_view, EventId> kEvents[] = {
        {"update_offered", EventId::UpdateOffered},
        {"update_downloaded", EventId::UpdateDownloaded},
        {"update_installing", EventId::UpdateInstalling},
        {"update_installed", EventId::UpdateInstalled},
        {"update_succeeded", EventId::UpdateSucceeded},
        {"update_failed", EventId::UpdateFailed},
        {"configuration_applied", EventId::UpdateSucceeded},
        {"configuration_failed", EventId::SiteConfigRefused},
        {"update_canceled", EventId::UpdateCanceled},
        {"update_reported", EventId::UpdateReported},
        {"update_download_retry", EventId::UpdateDownloadRetry},
        {"update_reboot_pending", EventId::UpdateRebootPending},
        {"update_record_lost", EventId::UpdateRecordLost},
        {"update_record_unsaved", EventId::UpdateRecordUnsaved},
        {"update_report_sent", EventId::UpdateReportSent},
    };
    for (const auto& [known, id] : kEvents) {
        if (known == name) {
            log_event(id, "{}", detail);
            return;
        }
    }
    log_event(EventId::UpdateReportSent, "{}: {}", name, detail);
}

// `systemctl reboot`, without a shell.
bool run_systemctl_reboot() {
    char systemctl[] = "systemctl";
    char reboot[] = "reboot";
    char* argv[] = {systemctl, reboot, nullptr};
    pid_t child = 0;
    if (posix_spawnp(&child, "systemctl", nullptr, nullptr, argv, environ) != 0) return false;
    int status = 0;
    return waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string read_first_line(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

}  // namespace

std::expected<std::unique_ptr<UpdateService>, std::string> UpdateService::start(
    const KioskConfig& config, const std::filesystem::path& state_dir, const SnapshotBoard& board,
    EventQueue& events, PushedConfiguration& site_config, CentralService& central) {
    if (config.update.server_url.empty()) return std::unique_ptr<UpdateService>();
    if (!config.update.target_token_file.empty() &&
        read_first_line(config.update.target_token_file).empty()) {
        return std::unexpected("update.target_token_file " + config.update.target_token_file.string() +
                               " is missing or empty");
    }
    std::unique_ptr<UpdateService> service(
        new UpdateService(config, state_dir, board, events, site_config, central));
    service->thread_ = std::thread([raw = service.get()] { raw->run(); });
    return service;
}

UpdateService::UpdateService(const KioskConfig& config, const std::filesystem::path& state_dir,
                             const SnapshotBoard& board, EventQueue& events, PushedConfiguration& site_config,
                             CentralService& central)
    : board_(board), events_(events), site_config_(site_config), central_(central) {
    const KioskConfig::Update& settings = config.update;
    update::DdiSettings ddi;
    ddi.server_url = settings.server_url;
    ddi.tenant = settings.tenant;
    ddi.controller_id = settings.controller_id.empty() ? config.kiosk_id : settings.controller_id;
    if (!settings.target_token_file.empty()) ddi.target_token = read_first_line(settings.target_token_file);
    ddi.ca_file = settings.ca_file.string();
    ddi.client_cert_file = settings.cert_file.string();
    ddi.client_key_file = settings.key_file.string();
    ddi.allow_plain_http = settings.allow_plain_http;
    server_ = std::make_unique<update::DdiClient>(std::move(ddi));
    inspector_ = std::make_unique<update::RaucBundleInspector>(settings.keyring);
    start_delay_ = std::chrono::milliseconds(static_cast<long>(settings.start_delay_s * 1000));
    if (settings.installer == "simulated") {
        auto slots = std::make_unique<update::SimulatedSlots>(state_dir / "update" / "simulated-slots.json",
                                                              *inspector_, kiosk_version());
        simulated_slots_ = slots.get();
        installer_ = std::move(slots);
    } else {
        installer_ = std::make_unique<update::RaucDbusInstaller>(settings.rauc_bus, 30min);
    }

    update::AgentSettings agent;
    agent.compatible = settings.compatible;
    agent.running_version = kiosk_version();
    agent.work_dir = state_dir / "update";
    agent.fetch.slice = 10s;  // the agent polls (and can stop) at least this often during a download
    agent.poll_override = std::chrono::seconds(static_cast<long>(settings.poll_override_s));
    agent.attributes = {{"version", kiosk_version()}, {"kiosk_id", config.kiosk_id}};
    for (auto [key, value] : {std::pair{"province", &settings.province}, std::pair{"site", &settings.site},
                              std::pair{"hardware", &settings.hardware}}) {
        if (!value->empty()) agent.attributes.emplace_back(key, *value);
    }
    update::KioskHooks hooks;
    hooks.begin_maintenance = [this] { return begin_maintenance(); };
    hooks.end_maintenance = [this] { end_maintenance(); };
    hooks.reboot = [this] {
        // The appliance reboots through systemd (the kiosk user may, by a polkit rule in the image).
        // Simulated slots reboot in place: the agent thread does what a fresh start would once this poll is
        // over.
        if (simulated_slots_ != nullptr) {
            simulated_reboot_pending_ = true;
        } else if (!run_systemctl_reboot()) {
            // Installed but not rebooted: the old slot serves on rather than leaving the kiosk out of service
            // until someone comes; the next start (a power cycle, the nightly reboot) boots the new slot and
            // the agent confirms it then.
            log_event(EventId::UpdateFailed,
                      "systemctl reboot failed; back in service, the new slot is used from the next start");
            end_maintenance();
        }
    };
    hooks.health_check = [this] { return health_check(); };
    hooks.boot_id = [this] {
        return simulated_slots_ != nullptr ? simulated_slots_->boot_id()
                                           : read_first_line("/proc/sys/kernel/random/boot_id");
    };
    hooks.pause = [this](std::chrono::milliseconds pause) { wait(pause); };
    hooks.now_utc = [] { return ops::utc_iso8601(std::chrono::system_clock::now()); };
    hooks.log = log_agent_event;
    agent_ = std::make_unique<update::UpdateAgent>(std::move(agent), *server_, *inspector_, *installer_,
                                                   std::move(hooks), &site_config);
}

UpdateService::~UpdateService() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void UpdateService::check_now() {
    {
        std::lock_guard lock(mutex_);
        check_now_ = true;
    }
    wake_.notify_all();
}

void UpdateService::wait(std::chrono::milliseconds pause) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, pause, [this] { return stop_ || check_now_; });
}

void UpdateService::run() {
    wait(start_delay_);
    agent_->start();
    std::string last_error;
    while (true) {
        {
            std::lock_guard lock(mutex_);
            if (stop_) return;
            check_now_ = false;
        }
        const std::chrono::milliseconds next = agent_->run_once();
        if (simulated_reboot_pending_) {
            // What a reboot would do: the new slot boots, the maintenance we asked for is gone, the agent
            // starts.
            simulated_reboot_pending_ = false;
            simulated_slots_->reboot();
            end_maintenance();
            agent_->start();
            continue;
        }
        const std::string error = agent_->status().last_poll_error;
        if (!error.empty() && error != last_error) log_event(EventId::UpdateServerUnreachable, "{}", error);
        last_error = error;
        wait(next);
    }
}

bool UpdateService::begin_maintenance() {
    const KioskSnapshot now = board_.read();
    if (now.session_active) return false;
    if (!now.maintenance_requested) {
        events_.push(MaintenanceRequested{true});
        we_asked_for_maintenance_ = true;
    }
    // The engine takes the request on its next turn; a citizen who touched the screen in between is served
    // first, and the install waits for the next quiet moment.
    for (int i = 0; i < 100; ++i) {
        const KioskSnapshot then = board_.read();
        if (then.maintenance_requested && !then.in_service && !then.session_active) return true;
        if (then.session_active) break;
        std::this_thread::sleep_for(50ms);
    }
    end_maintenance();
    return false;
}

void UpdateService::end_maintenance() {
    if (!we_asked_for_maintenance_) return;  // a technician's maintenance stays a technician's
    events_.push(MaintenanceRequested{false});
    we_asked_for_maintenance_ = false;
}

std::expected<void, std::string> UpdateService::health_check() const {
    const KioskSnapshot now = board_.read();
    std::string missing;
    for (std::size_t i = 0; i < now.device_ready.size(); ++i) {
        if (!now.device_ready[i]) {
            missing += std::string(missing.empty() ? "" : ", ") +
                       std::string(to_string(drivers::kAllDeviceKinds[i]));
        }
    }
    if (!missing.empty()) return std::unexpected("devices not ready: " + missing);
    if (now.screen.empty()) return std::unexpected("the screen is not up");
    // A version that cannot reach the central service cannot serve anyone: a harmless query (no personal
    // data) tells. Its own retries cover a moment's network trouble.
    if (auto points = central_.handling_points(); !points) {
        return std::unexpected("central service unreachable: " + fault_code(points.error()) + " " +
                               points.error().detail);
    }
    return {};
}

}  // namespace hk::kiosk
