#include "ops/control/reply_text.h"

#include <iomanip>
#include <sstream>
#include <utility>

namespace hk::ops {

using nlohmann::json;

namespace {

// The member, or an empty object when absent: iterable in place (a temporary's items() would dangle).
const json& object_member(const json& parent, const char* key) {
    static const json empty = json::object();
    if (!parent.is_object()) return empty;
    const auto found = parent.find(key);
    return found != parent.end() && found->is_object() ? *found : empty;
}

const json& array_member(const json& parent, const char* key) {
    static const json empty = json::array();
    if (!parent.is_object()) return empty;
    const auto found = parent.find(key);
    return found != parent.end() && found->is_array() ? *found : empty;
}

const json& as_array(const json& value) {
    static const json empty = json::array();
    return value.is_array() ? value : empty;
}

std::string text_or(const json& value, const char* fallback = "-") {
    if (value.is_null()) return fallback;
    if (value.is_string()) return value.get<std::string>().empty() ? fallback : value.get<std::string>();
    return value.dump();
}

// json::value() throws on a non-object; replies come from the kiosk, but the screen must never fall over.
template <typename T>
T member(const json& parent, const char* key, T fallback) {
    if (!parent.is_object()) return fallback;
    const auto found = parent.find(key);
    if (found == parent.end()) return fallback;
    try {
        return found->get<T>();
    } catch (const json::exception&) {
        return fallback;
    }
}

std::string member_text(const json& parent, const char* key, const char* fallback = "-") {
    if (!parent.is_object() || !parent.contains(key)) return fallback;
    return text_or(parent.at(key), fallback);
}

void device_line(const json& device, std::ostream& out) {
    out << "  " << std::left << std::setw(20) << member_text(device, "device") << std::setw(9)
        << (member(device, "ready", false) ? "ready" : "FAULTED") << std::setw(8)
        << member_text(device, "fault_code") << member_text(device, "detail", "") << "\n";
}

bool status(const json& answer, std::ostream& out) {
    out << "kiosk " << member_text(answer, "kiosk_id", "") << " version "
        << member_text(answer, "version", "") << ": "
        << (member(answer, "in_service", false) ? "in service" : "OUT OF SERVICE") << ", screen "
        << member_text(answer, "screen", "")
        << (member(answer, "session_active", false) ? ", serving a citizen" : ", idle")
        << (member(answer, "maintenance", false) ? ", maintenance requested" : "")
        << (answer.is_object() && answer.contains("closed_until") && answer.at("closed_until").is_string()
                ? ", closed by its opening hours until " + answer.at("closed_until").get<std::string>()
                : "")
        << ", up " << member(answer, "uptime_s", 0L) << " s\n";
    for (const json& device : array_member(answer, "devices")) device_line(device, out);
    return true;
}

bool devices(const json& answer, std::ostream& out) {
    for (const json& device : as_array(answer)) {
        device_line(device, out);
        const json test = device.is_object() ? device.value("last_self_test", json()) : json();
        if (!test.is_object()) {
            out << "      self-test: not run\n";
        } else {
            out << "      self-test: " << (member(test, "passed", false) ? "passed" : "FAILED") << " at "
                << member_text(test, "time", "") << " " << member_text(test, "summary", "") << "\n";
        }
    }
    return true;
}

bool self_tests(const json& answer, std::ostream& out) {
    for (const json& result : array_member(answer, "results")) {
        out << (member(result, "passed", false) ? "PASS " : "FAIL ") << std::left << std::setw(20)
            << member_text(result, "device") << std::setw(8) << member_text(result, "fault_code")
            << member_text(result, "summary", "") << "\n";
        for (const auto& [name, value] : object_member(result, "checks").items()) {
            out << "       " << name << ": " << text_or(value) << "\n";
        }
    }
    return member(answer, "passed", false);
}

bool test_print(const json& answer, std::ostream& out) {
    for (const auto& [printer, outcome] : object_member(answer, "printers").items()) {
        out << printer << ": "
            << (member(outcome, "printed", false) ? std::string("printed")
                                                  : "FAILED " + member_text(outcome, "fault_code", "") + " " +
                                                        member_text(outcome, "detail", ""))
            << "\n";
    }
    return member(answer, "printed", false);
}

bool test_scan(const json& answer, std::ostream& out) {
    if (!member(answer, "scanned", false)) {
        out << "scan FAILED " << member_text(answer, "fault_code", "") << " "
            << member_text(answer, "detail", "") << "\n";
        return false;
    }
    out << "scanned " << member(answer, "width", 0) << " x " << member(answer, "height", 0) << " px at "
        << member(answer, "dpi", 0) << " dpi\n";
    for (const auto& [name, value] : object_member(answer, "quality").items()) {
        out << "  " << name << ": " << value.dump() << "\n";
    }
    return true;
}

bool nfc_field_test(const json& answer, std::ostream& out) {
    const bool seen = member(answer, "card_seen", false);
    out << "field: " << (member(answer, "field", false) ? "on" : "NOT WORKING") << "; card: "
        << (seen ? "seen after " + std::to_string(member(answer, "after_ms", 0)) + " ms"
                 : std::string("not seen"))
        << "  (" << member_text(answer, "summary", "") << ")\n";
    return seen;
}

bool counters(const json& answer, std::ostream& out) {
    for (const json& counter : as_array(answer)) {
        std::string labels;
        for (const auto& [name, value] : object_member(counter, "labels").items()) {
            labels += (labels.empty() ? "" : ",") + name + "=" + text_or(value);
        }
        out << member_text(counter, "name", "") << (labels.empty() ? "" : "{" + labels + "}") << " "
            << member(counter, "value", 0L) << "\n";
    }
    return true;
}

bool logs(const json& answer, std::ostream& out) {
    for (const json& record : as_array(answer)) {
        out << member_text(record, "time", "") << " " << member_text(record, "level", "") << " E"
            << member(record, "id", 0) << " " << member_text(record, "name", "") << ": "
            << member_text(record, "message", "") << "\n";
    }
    return true;
}

bool readiness(const json& report, std::ostream& out) {
    const bool ready = member(report, "ready_for_service", false);
    out << "kiosk " << member_text(report, "kiosk_id", "") << " " << member_text(report, "version", "")
        << " at " << member_text(report, "generated_at", "") << ": "
        << (ready ? "READY for service" : "NOT ready for service") << "\n";
    for (const json& device : array_member(report, "devices")) {
        out << "  " << std::left << std::setw(20) << member_text(device, "device", "") << std::setw(9)
            << member_text(device, "state", "") << "self-test " << std::setw(8)
            << member_text(device, "self_test", "") << member_text(device, "fault_code", "") << "\n";
    }
    return ready;
}

bool audit(const json& result, std::ostream& out) {
    const bool intact = member(result, "intact", false);
    out << "audit log " << (intact ? "intact" : "NOT INTACT") << ": " << member(result, "records", 0L)
        << " records\n";
    for (const json& problem : array_member(result, "problems")) out << "  " << text_or(problem) << "\n";
    return intact;
}

bool maintenance(const json& answer, std::ostream& out) {
    out << member_text(answer, "note", "") << "\n";
    return true;
}

bool metrics(const json& answer, std::ostream& out) {
    out << member_text(answer, "text", "");
    return true;
}

// The update agent's answers; "all is well" unless its last poll failed or its last outcome was a failure.
bool update_status(const json& answer, std::ostream& out) {
    if (!member(answer, "enabled", false)) {
        out << member_text(answer, "note", "") << "\n";
        return true;
    }
    out << "update agent: " << member_text(answer, "phase", "") << "; running "
        << member_text(answer, "running_version", "") << "; site configuration "
        << member_text(answer, "site_config_version", "built-in");
    const std::string action = member_text(answer, "action_id", "");
    if (!action.empty()) {
        out << "; action " << action << " (" << member_text(answer, "payload", "bundle") << " "
            << member_text(answer, "version", "") << ", " << member(answer, "bytes_downloaded", 0L)
            << " bytes downloaded)";
    }
    out << "\n";
    const std::string error = member_text(answer, "last_poll_error", "");
    if (!error.empty()) out << "  last poll failed: " << error << "\n";
    bool well = error.empty();
    if (answer.contains("last_outcome") && answer.at("last_outcome").is_object()) {
        const json& last = answer.at("last_outcome");
        out << "  last update: " << member_text(last, "payload", "bundle") << " "
            << member_text(last, "version", "") << " " << member_text(last, "outcome", "") << " at "
            << member_text(last, "at", "") << ": " << member_text(last, "detail", "") << "\n";
        well = well && member_text(last, "outcome", "") != "failure";
    }
    return well;
}

bool update_history(const json& answer, std::ostream& out) {
    if (!member(answer, "enabled", false)) {
        out << member_text(answer, "note", "") << "\n";
        return true;
    }
    const auto& history = array_member(answer, "history");
    if (history.empty()) out << "no update actions yet\n";
    for (const json& entry : history) {
        out << member_text(entry, "at", "") << "  action " << member_text(entry, "action_id", "") << "  "
            << member_text(entry, "payload", "bundle") << " " << member_text(entry, "version", "") << "  "
            << member_text(entry, "outcome", "") << "  " << member_text(entry, "detail", "") << "\n";
    }
    return true;
}

bool update_check(const json& answer, std::ostream& out) {
    out << member_text(answer, "note", "") << "\n";
    return true;
}

// Each command's writer: it words the answer and says whether all is well.
using Writer = bool (*)(const json&, std::ostream&);
constexpr std::pair<std::string_view, Writer> kWriters[] = {
    {"status", status},
    {"devices", devices},
    {"selftest", self_tests},
    {"test-print", test_print},
    {"test-scan", test_scan},
    {"nfc-field-test", nfc_field_test},
    {"counters", counters},
    {"logs", logs},
    {"readiness-report", readiness},
    {"maintenance", maintenance},
    {"audit-verify", audit},
    {"metrics", metrics},
    {"update-status", update_status},
    {"update-check", update_check},
    {"update-history", update_history},
};

}  // namespace

ReplyText reply_text(std::string_view command, const nlohmann::json& answer) {
    std::ostringstream out;
    for (const auto& [name, writer] : kWriters) {
        if (name == command) {
            const bool well = writer(answer, out);
            return {out.str(), well};
        }
    }
    out << answer.dump(2) << "\n";
    return {out.str(), true};
}

}  // namespace hk::ops
