// Where and how the kiosk sends its MQTT heartbeat to provincial IT, and the checks that tell a bad
// configuration (which start() refuses) from a broker that is merely away (which is never an error).
#pragma once

#include <chrono>
#include <expected>
#include <filesystem>
#include <string>

namespace hk::ops {

struct MqttOptions {
    std::string host = "127.0.0.1";
    int port = 1883;
    std::string kiosk_id;  // topics: <topic_prefix>/<kiosk_id>/heartbeat and .../status
    std::string topic_prefix = "hukiosk";
    std::filesystem::path ca_file;              // empty: no TLS
    std::filesystem::path cert_file, key_file;  // client certificate (optional, with TLS)
    std::string username, password;             // optional
    std::chrono::seconds interval{60};
    // At least 5 s (libmosquitto's lower bound); never 0, since the keepalive is also what gives up on a
    // connection attempt that a half-open broker never completes.
    std::chrono::seconds keepalive{30};
    int qos = 1;
    // Pause before reconnecting after a failed or lost connection: doubles on each failure up to the cap, so
    // a fleet that lost its broker together does not hammer it when it comes back.
    std::chrono::milliseconds reconnect_delay{1000};
    std::chrono::milliseconds reconnect_delay_max{60000};
};

// The kiosk's two topics.
[[nodiscard]] std::string heartbeat_topic(const MqttOptions& options);
[[nodiscard]] std::string status_topic(const MqttOptions& options);

// Refuses what can never work: an empty or topic-breaking kiosk id, a port or QoS out of range, a
// certificate without its key, a CA, certificate or key file that cannot be read. Says what is wrong.
[[nodiscard]] std::expected<void, std::string> check_mqtt_options(const MqttOptions& options);

}  // namespace hk::ops
