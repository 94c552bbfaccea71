#include "ops/control/control_protocol.h"

namespace hk::ops {

using nlohmann::json;

std::expected<ControlRequest, ControlError> parse_request_line(std::string_view line) {
    const json doc = json::parse(line, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return std::unexpected(
            ControlError{std::string{kErrorBadRequest}, "a request is one JSON object a line"});
    }
    const auto command = doc.find("command");
    if (command == doc.end() || !command->is_string() || command->get_ref<const std::string&>().empty()) {
        return std::unexpected(ControlError{std::string{kErrorBadRequest}, "the request names no command"});
    }
    ControlRequest request;
    request.command = command->get<std::string>();
    if (const auto args = doc.find("args"); args != doc.end() && !args->is_null()) {
        if (!args->is_object()) {
            return std::unexpected(ControlError{std::string{kErrorBadRequest}, "args must be a JSON object"});
        }
        request.args = *args;
    }
    return request;
}

std::string request_line(std::string_view command, const json& args) {
    return json{{"command", command}, {"args", args}}.dump() + "\n";
}

std::string reply_line(const ControlReply& reply) {
    // Replies may carry text from devices and logs: replace invalid UTF-8 rather than throw.
    const json doc =
        reply ? json{{"ok", true}, {"result", *reply}}
              : json{{"ok", false},
                     {"error", {{"code", reply.error().code}, {"message", reply.error().message}}}};
    return doc.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

ControlReply parse_reply_line(std::string_view line) {
    const json doc = json::parse(line, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("ok") || !doc.at("ok").is_boolean()) {
        return std::unexpected(
            ControlError{std::string{kErrorFailed}, "the kiosk's answer is not a control reply"});
    }
    if (doc.at("ok").get<bool>()) return doc.value("result", json());
    const json error = doc.value("error", json::object());
    if (!error.is_object())
        return std::unexpected(ControlError{std::string{kErrorFailed}, "malformed error"});
    return std::unexpected(
        ControlError{error.value("code", std::string{kErrorFailed}), error.value("message", std::string{})});
}

}  // namespace hk::ops
