// The update agent inside the kiosk: its own thread polls the rollout server (hawkBit DDI) and drives the
// agent; the kiosk lends it the way to go quiet (maintenance, only when no citizen is at the screen), its
// health check after a reboot into the new slot, and its log. Technicians read its status and ask for an
// immediate check over the control socket (`kioskctl update status|check|history`). None runs when
// update.server_url is empty.
#pragma once

#include <atomic>
#include <condition_variable>
#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "config.h"
#include "event_queue.h"
#include "kiosk/central_service.h"
#include "kiosk_snapshot.h"
#include "pushed_configuration.h"
#include "update/ddi_client.h"
#include "update/simulated_slots.h"
#include "update/update_agent.h"

namespace hk::kiosk {

class UpdateService {
  public:
    // `simulate`: the simulated slots (in the state folder) stand in for RAUC's when update.installer says
    // so.
    static std::expected<std::unique_ptr<UpdateService>, std::string> start(
        const KioskConfig& config, const std::filesystem::path& state_dir, const SnapshotBoard& board,
        EventQueue& events, PushedConfiguration& site_config, CentralService& central);
    ~UpdateService();
    UpdateService(const UpdateService&) = delete;
    UpdateService& operator=(const UpdateService&) = delete;

    update::AgentStatus status() const { return agent_->status(); }
    // The pushed site configuration in force ("" while the kiosk runs on its own defaults).
    std::string site_config_version() const { return site_config_.version_in_force(); }
    // Poll now rather than at the next interval (a technician's `kioskctl update check`).
    void check_now();

  private:
    UpdateService(const KioskConfig& config, const std::filesystem::path& state_dir,
                  const SnapshotBoard& board, EventQueue& events, PushedConfiguration& site_config,
                  CentralService& central);
    void run();
    bool begin_maintenance();
    void end_maintenance();
    std::expected<void, std::string> health_check() const;
    void wait(std::chrono::milliseconds pause);

    const SnapshotBoard& board_;
    EventQueue& events_;
    const PushedConfiguration& site_config_;
    CentralService& central_;  // asked for the handling points after a reboot: is it reachable?
    std::unique_ptr<update::DdiClient> server_;
    std::unique_ptr<update::BundleInspector> inspector_;
    std::unique_ptr<update::Installer> installer_;
    std::unique_ptr<update::UpdateAgent> agent_;
    update::SimulatedSlots* simulated_slots_ = nullptr;  // set when they stand in for RAUC's
    std::chrono::milliseconds start_delay_{20000};
    bool we_asked_for_maintenance_ = false;
    bool simulated_reboot_pending_ = false;  // agent thread only

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    bool check_now_ = false;
    std::thread thread_;
};

}  // namespace hk::kiosk
