// The control socket's protocol: JSON lines over a Unix domain socket. kioskctl sends one request a line,
//   {"command": "selftest", "args": {"device": "a4_printer"}}
// and the kiosk answers each with one line,
//   {"ok": true, "result": {...}}   or   {"ok": false, "error": {"code": "busy", "message": "..."}}.
// Error codes are stable words scripts can test: see ControlErrorCode.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace hk::ops {

// The kiosk's answer codes, beyond success. Strings on the wire, never renumbered.
inline constexpr std::string_view kErrorBadRequest = "bad_request";          // not JSON, or arguments wrong
inline constexpr std::string_view kErrorUnknownCommand = "unknown_command";  // a newer kioskctl, perhaps
inline constexpr std::string_view kErrorBusy = "busy";  // a citizen is being served, or a device is in use
inline constexpr std::string_view kErrorDeviceFailed = "device_failed";  // the device itself failed
inline constexpr std::string_view kErrorFailed = "failed";  // anything else; the message says what
inline constexpr std::string_view kErrorTooManyClients = "too_many_clients";

struct ControlError {
    std::string code;
    std::string message;
};

struct ControlRequest {
    std::string command;
    nlohmann::json args = nlohmann::json::object();
    // Who asked, from SO_PEERCRED: goes into the audit log as the technician's account.
    int peer_uid = -1;
    int peer_pid = -1;
    // Set when the request comes from the service screen rather than the socket: who is at the screen
    // ("technician card …B2C3 at the screen").
    std::string caller;
};

using ControlReply = std::expected<nlohmann::json, ControlError>;

// A refusal with one of the codes above, as the kiosk's command handlers return it.
inline ControlReply refuse(std::string_view code, std::string message) {
    return std::unexpected(ControlError{std::string{code}, std::move(message)});
}

// One request line, parsed: never throws; a malformed line is a bad_request error.
std::expected<ControlRequest, ControlError> parse_request_line(std::string_view line);
std::string request_line(std::string_view command, const nlohmann::json& args);
std::string reply_line(const ControlReply& reply);
// One reply line, parsed: a malformed line is a "failed" error naming the problem.
ControlReply parse_reply_line(std::string_view line);

}  // namespace hk::ops
