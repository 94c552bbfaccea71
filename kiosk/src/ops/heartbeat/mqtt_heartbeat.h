// The kiosk's heartbeat to provincial IT over MQTT (libmosquitto, optionally TLS with a client certificate).
// A thread of its own connects, publishes the kiosk's JSON state every interval and on request, and keeps
// reconnecting with backoff while the broker is away. <prefix>/<kiosk>/status is retained: "online" once
// connected, "offline" on a clean stop, and "offline" as the last will, so a crashed kiosk shows offline too.
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <string>

#include "mqtt_options.h"

namespace hk::ops {

class MqttHeartbeat {
  public:
    // payload() is called on the heartbeat's own thread each time it publishes: it returns the JSON text to
    // send (state, devices, version, counters); it must be thread-safe. Only bad options fail: a broker that
    // is down is retried for as long as the heartbeat lives.
    static std::expected<std::unique_ptr<MqttHeartbeat>, std::string> start(
        MqttOptions options, std::function<std::string()> payload);

    // Asks for a heartbeat now (e.g. on a device state change): returns at once, any thread; a burst of
    // requests before the heartbeat thread gets to them makes one heartbeat.
    void publish_now();
    // Heartbeats handed to the broker: acknowledged (PUBACK / PUBCOMP) for QoS 1 and 2, sent for QoS 0.
    [[nodiscard]] std::uint64_t published() const;
    [[nodiscard]] bool connected() const;

    // Publishes the retained "offline" status (waiting briefly for the broker's acknowledgement), disconnects
    // cleanly so the broker drops the last will, and joins the thread.
    ~MqttHeartbeat();
    MqttHeartbeat(const MqttHeartbeat&) = delete;
    MqttHeartbeat& operator=(const MqttHeartbeat&) = delete;

  private:
    class Connection;  // the libmosquitto client and its thread, in the .cpp
    explicit MqttHeartbeat(std::unique_ptr<Connection> connection);
    std::unique_ptr<Connection> connection_;
};

}  // namespace hk::ops
