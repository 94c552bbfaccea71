// A control reply as a technician reads it: the text kioskctl prints and the service screen shows, so both
// say the same thing the same way. Never throws: a reply missing a member shows "-" there.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace hk::ops {

struct ReplyText {
    std::string text;  // lines ending in '\n'
    bool well = true;  // false when the reply says something is wrong: a failed self-test, a broken audit log
};

// For the commands of control_protocol.h: status, devices, selftest, test-print, test-scan, nfc-field-test,
// counters, logs, readiness-report, maintenance, audit-verify, metrics. Other commands show the JSON.
ReplyText reply_text(std::string_view command, const nlohmann::json& answer);

}  // namespace hk::ops
