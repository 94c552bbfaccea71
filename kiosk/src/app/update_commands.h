// The control socket's update commands (`kioskctl update status|check|history`): what the update agent is
// doing, a poll now, and the outcomes of the last actions.
#pragma once

#include <string_view>

#include "ops/control/control_protocol.h"

namespace hk::kiosk {

class UpdateService;

// `command`: update-status, update-check or update-history. `updates` is null when no rollout server is
// configured; the answers then say so rather than fail.
ops::ControlReply update_command(UpdateService* updates, std::string_view command);

}  // namespace hk::kiosk
