#include "update_commands.h"

#include <nlohmann/json.hpp>

#include "update_service.h"

namespace hk::kiosk {

using nlohmann::json;

ops::ControlReply update_command(UpdateService* updates, std::string_view command) {
    if (updates == nullptr) {
        return json{{"enabled", false}, {"note", "no rollout server configured (update.server_url)"}};
    }
    if (command == "update-check") {
        updates->check_now();
        return json{{"enabled", true}, {"note", "polling the rollout server now"}};
    }
    const update::AgentStatus status = updates->status();
    const std::string site_config = updates->site_config_version();
    json history = json::array();
    for (const update::HistoryEntry& entry : status.history) {
        history.push_back({{"action_id", entry.action_id},
                           {"version", entry.version},
                           {"outcome", entry.outcome},
                           {"detail", entry.detail},
                           {"at", entry.at},
                           {"payload", update::to_string(entry.payload)}});
    }
    if (command == "update-history") return json{{"enabled", true}, {"history", history}};
    return json{{"enabled", true},
                {"phase", update::to_string(status.phase)},
                {"payload", update::to_string(status.payload)},
                {"site_config_version", site_config.empty() ? json() : json(site_config)},
                {"action_id", status.action_id},
                {"version", status.version},
                {"running_version", status.running_version},
                {"highest_installed_version", status.highest_installed_version},
                {"last_poll_error", status.last_poll_error},
                {"bytes_downloaded", status.bytes_downloaded},
                {"last_outcome", history.empty() ? json() : history.back()}};
}

}  // namespace hk::kiosk
