#include "mqtt_options.h"

#include <fstream>

namespace hk::ops {
namespace {

// A kiosk id becomes one topic level and part of the client id: letters, digits, '.', '_' and '-' only, so it
// can neither add a level ('/') nor turn into a wildcard ('+', '#').
bool is_plain_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

bool is_topic_prefix(const std::string& prefix) {
    if (prefix.empty() || prefix.front() == '/' || prefix.back() == '/') return false;
    for (const char c : prefix) {
        if (c == '+' || c == '#' || static_cast<unsigned char>(c) < 0x20) return false;
    }
    return true;
}

std::expected<void, std::string> check_readable(const std::filesystem::path& file, const char* what) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::unexpected(std::string("MQTT ") + what + " " + file.string() + " cannot be read");
    return {};
}

}  // namespace

std::string heartbeat_topic(const MqttOptions& options) {
    return options.topic_prefix + "/" + options.kiosk_id + "/heartbeat";
}

std::string status_topic(const MqttOptions& options) {
    return options.topic_prefix + "/" + options.kiosk_id + "/status";
}

std::expected<void, std::string> check_mqtt_options(const MqttOptions& options) {
    if (options.kiosk_id.empty()) return std::unexpected("MQTT heartbeat needs a kiosk id");
    if (!is_plain_id(options.kiosk_id)) {
        return std::unexpected("MQTT kiosk id may hold only letters, digits, '.', '_' and '-' (64 at most)");
    }
    if (!is_topic_prefix(options.topic_prefix)) {
        return std::unexpected("MQTT topic prefix must be non-empty, without wildcards or outer '/'");
    }
    if (options.host.empty()) return std::unexpected("MQTT broker host is empty");
    if (options.port < 1 || options.port > 65535) return std::unexpected("MQTT broker port is out of range");
    if (options.qos < 0 || options.qos > 2) return std::unexpected("MQTT QoS must be 0, 1 or 2");
    if (options.interval.count() <= 0) return std::unexpected("MQTT heartbeat interval must be positive");
    if (options.keepalive.count() < 5) return std::unexpected("MQTT keepalive must be at least 5 s");
    if (options.keepalive.count() > 65535) return std::unexpected("MQTT keepalive is too long");
    if (options.reconnect_delay.count() <= 0) return std::unexpected("MQTT reconnect delay must be positive");
    if (options.username.empty() && !options.password.empty()) {
        return std::unexpected("MQTT password given without a user name");
    }
    if (options.cert_file.empty() != options.key_file.empty()) {
        return std::unexpected("MQTT client certificate and key go together");
    }
    if (!options.cert_file.empty() && options.ca_file.empty()) {
        return std::unexpected("MQTT client certificate given without a CA file (TLS)");
    }
    if (!options.ca_file.empty()) {
        if (auto ok = check_readable(options.ca_file, "CA file"); !ok) return ok;
    }
    if (!options.cert_file.empty()) {
        if (auto ok = check_readable(options.cert_file, "client certificate"); !ok) return ok;
        if (auto ok = check_readable(options.key_file, "client key"); !ok) return ok;
    }
    return {};
}

}  // namespace hk::ops
