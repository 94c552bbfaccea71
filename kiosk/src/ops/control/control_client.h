// kioskctl's end of the control socket: one request, one reply, with errors a technician understands ("no
// kiosk is running", "permission denied: add your account to the kiosk-tech group").
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string_view>

#include "ops/control/control_protocol.h"

namespace hk::ops {

// Where kioskctl looks for the socket when not told: $HUKIOSK_CONTROL_SOCKET, else the appliance's
// /run/hukiosk/control.sock when it exists, else ./hukiosk-state/control.sock (a development kiosk's
// default).
std::filesystem::path default_control_socket();

// Sends one request and waits up to `timeout` for its reply. Connection problems come back as errors with
// code "no_kiosk" or "permission_denied" (or "failed"); the kiosk's own refusals keep their codes.
ControlReply call_control(const std::filesystem::path& socket, std::string_view command,
                          const nlohmann::json& args, std::chrono::milliseconds timeout);

inline constexpr std::string_view kErrorNoKiosk = "no_kiosk";
inline constexpr std::string_view kErrorPermissionDenied = "permission_denied";
inline constexpr std::string_view kErrorTimedOut = "timed_out";

}  // namespace hk::ops
