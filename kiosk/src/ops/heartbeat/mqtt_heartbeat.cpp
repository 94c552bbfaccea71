#include "mqtt_heartbeat.h"

#include <mosquitto.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "reconnect_backoff.h"

namespace hk::ops {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kOnline = "online";
constexpr std::string_view kOffline = "offline";
// How long one turn of the network loop may block: also how soon a publish_now() request or a stop is seen.
constexpr int kLoopTimeoutMs = 50;
// How long a stopping heartbeat waits for the broker to acknowledge "offline" before it disconnects anyway.
constexpr auto kOfflineAckWait = std::chrono::seconds(2);

void init_libmosquitto_once() {
    static std::once_flag once;
    // Never paired with mosquitto_lib_cleanup(): other clients may live until the process ends.
    std::call_once(once, [] { mosquitto_lib_init(); });
}

// An encrypted client key has no one to type its password on a kiosk: fail at once instead of letting
// OpenSSL prompt on the terminal.
int no_key_password(char*, int, int, void*) {
    return 0;
}

}  // namespace

class MqttHeartbeat::Connection {
  public:
    Connection(MqttOptions options, std::function<std::string()> payload)
        : options_(std::move(options)),
          payload_(std::move(payload)),
          heartbeat_topic_(heartbeat_topic(options_)),
          status_topic_(status_topic(options_)) {}

    ~Connection() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
        if (mosq_ != nullptr) mosquitto_destroy(mosq_);
    }

    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    std::expected<void, std::string> configure() {
        init_libmosquitto_once();
        const std::string client_id = "hukiosk-" + options_.kiosk_id;
        mosq_ = mosquitto_new(client_id.c_str(), true, this);
        if (mosq_ == nullptr) return std::unexpected("cannot create the MQTT client (out of memory)");
        mosquitto_connect_callback_set(mosq_, &Connection::on_connect);
        mosquitto_disconnect_callback_set(mosq_, &Connection::on_disconnect);
        mosquitto_publish_callback_set(mosq_, &Connection::on_publish);

        if (!options_.username.empty()) {
            const char* password = options_.password.empty() ? nullptr : options_.password.c_str();
            if (mosquitto_username_pw_set(mosq_, options_.username.c_str(), password) != MOSQ_ERR_SUCCESS) {
                return std::unexpected("MQTT user name rejected");
            }
        }
        if (!options_.ca_file.empty()) {
            const std::string ca = options_.ca_file.string();
            const std::string cert = options_.cert_file.string();
            const std::string key = options_.key_file.string();
            const int rc =
                mosquitto_tls_set(mosq_, ca.c_str(), nullptr, cert.empty() ? nullptr : cert.c_str(),
                                  key.empty() ? nullptr : key.c_str(), &no_key_password);
            if (rc != MOSQ_ERR_SUCCESS) {
                return std::unexpected(std::string("MQTT TLS files rejected: ") + mosquitto_strerror(rc));
            }
        }
        // The broker publishes this for us if the connection dies without a clean DISCONNECT.
        const int rc = mosquitto_will_set(mosq_, status_topic_.c_str(), static_cast<int>(kOffline.size()),
                                          kOffline.data(), options_.qos, true);
        if (rc != MOSQ_ERR_SUCCESS) {
            return std::unexpected(std::string("MQTT last will rejected: ") + mosquitto_strerror(rc));
        }
        return {};
    }

    void run_in_background() {
        thread_ = std::thread([this] { run(); });
    }

    void request_heartbeat() { heartbeat_requested_.store(true, std::memory_order_release); }
    std::uint64_t published() const { return published_.load(std::memory_order_acquire); }
    bool connected() const { return connected_.load(std::memory_order_acquire); }

  private:
    // Everything below runs on the heartbeat thread only: libmosquitto's callbacks fire inside
    // mosquitto_loop() and mosquitto_publish() called from here, so the client needs no lock.
    // Our own loop rather than mosquitto_loop_start(): loop_forever (and with it
    // mosquitto_reconnect_delay_set) gives up for good after a TLS or protocol error, and a kiosk must keep
    // trying whatever went wrong; the heartbeat timer and publish_now() requests also belong on this same
    // thread.
    void run() {
        ReconnectBackoff backoff(options_.reconnect_delay, options_.reconnect_delay_max);
        bool socket_open = false;
        bool connect_initialised = false;
        bool outage_reported = false;
        Clock::time_point next_heartbeat = Clock::now();

        while (!stopping()) {
            if (!socket_open) {
                const int rc = connect_initialised
                                   ? mosquitto_reconnect_async(mosq_)
                                   : mosquitto_connect_async(mosq_, options_.host.c_str(), options_.port,
                                                             static_cast<int>(options_.keepalive.count()));
                // connect_async remembers host, port and keepalive even when the TCP connect fails, so every
                // later attempt is a reconnect.
                if (rc != MOSQ_ERR_INVAL) connect_initialised = true;
                if (rc != MOSQ_ERR_SUCCESS) {
                    report_outage(outage_reported, mosquitto_strerror(rc));
                    pause(backoff.next_pause());
                    continue;
                }
                socket_open = true;
            }

            const int rc = mosquitto_loop(mosq_, kLoopTimeoutMs, 1);
            if (rc != MOSQ_ERR_SUCCESS) {
                socket_open = false;
                connected_.store(false, std::memory_order_release);
                heartbeat_mids_.clear();
                report_outage(outage_reported, mosquitto_strerror(rc));
                pause(backoff.next_pause());
                continue;
            }

            if (just_connected_) {
                just_connected_ = false;
                backoff.reset();
                outage_reported = false;
                spdlog::info("MQTT heartbeat connected to {}:{} as kiosk {}", options_.host, options_.port,
                             options_.kiosk_id);
                publish_status(kOnline);
                // A fresh heartbeat on every (re)connection: whatever provincial IT saw last is stale.
                heartbeat_requested_.store(false, std::memory_order_relaxed);
                publish_heartbeat();
                next_heartbeat = Clock::now() + options_.interval;
                continue;
            }
            if (!connected()) continue;

            const bool requested = heartbeat_requested_.exchange(false, std::memory_order_acq_rel);
            if (requested || Clock::now() >= next_heartbeat) {
                publish_heartbeat();
                next_heartbeat = Clock::now() + options_.interval;
            }
        }
        if (socket_open && connected()) say_goodbye();
    }

    bool stopping() {
        std::lock_guard lock(mutex_);
        return stop_;
    }

    // Waits out a reconnection pause, or less if the heartbeat is being stopped.
    void pause(std::chrono::milliseconds how_long) {
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, how_long, [this] { return stop_; });
    }

    void report_outage(bool& reported, const char* why) {
        // Once per outage: a kiosk whose broker is away for a day must not fill its log.
        if (reported) return;
        reported = true;
        spdlog::warn("MQTT heartbeat: broker {}:{} not reachable ({}); retrying with backoff", options_.host,
                     options_.port, why);
    }

    int publish(const std::string& topic, std::string_view text, bool retain, int* mid) {
        return mosquitto_publish(mosq_, mid, topic.c_str(), static_cast<int>(text.size()), text.data(),
                                 options_.qos, retain);
    }

    void publish_status(std::string_view status) {
        const int rc = publish(status_topic_, status, true, nullptr);
        if (rc != MOSQ_ERR_SUCCESS)
            spdlog::warn("MQTT heartbeat: status not sent ({})", mosquitto_strerror(rc));
    }

    void publish_heartbeat() {
        std::string text;
        try {
            text = payload_();
        } catch (const std::exception& e) {
            // The message of the kiosk's own exception, never the payload.
            spdlog::error("MQTT heartbeat: payload could not be made: {}", e.what());
            return;
        }
        int mid = 0;
        const int rc = publish(heartbeat_topic_, text, false, &mid);
        if (rc != MOSQ_ERR_SUCCESS) {
            spdlog::warn("MQTT heartbeat: not sent ({})", mosquitto_strerror(rc));
            return;
        }
        // QoS 0 has no acknowledgement (and its publish callback may fire before mosquitto_publish returns):
        // handing it to the socket is all there is.
        if (options_.qos == 0) {
            published_.fetch_add(1, std::memory_order_acq_rel);
        } else {
            heartbeat_mids_.insert(mid);
        }
    }

    void say_goodbye() {
        int mid = 0;
        offline_acknowledged_ = false;
        offline_mid_ = -1;
        if (publish(status_topic_, kOffline, true, &mid) == MOSQ_ERR_SUCCESS) {
            offline_mid_ = mid;
            const auto deadline = Clock::now() + kOfflineAckWait;
            while (options_.qos > 0 && !offline_acknowledged_ && Clock::now() < deadline) {
                if (mosquitto_loop(mosq_, kLoopTimeoutMs, 1) != MOSQ_ERR_SUCCESS) break;
            }
        }
        // A clean DISCONNECT: the broker discards the last will, the retained "offline" above stays.
        mosquitto_disconnect(mosq_);
        mosquitto_loop(mosq_, kLoopTimeoutMs, 1);
        connected_.store(false, std::memory_order_release);
        spdlog::info("MQTT heartbeat stopped for kiosk {}", options_.kiosk_id);
    }

    static void on_connect(mosquitto*, void* self, int rc) {
        auto* connection = static_cast<Connection*>(self);
        if (rc != 0) {
            spdlog::warn("MQTT heartbeat: broker refused the connection ({})", mosquitto_connack_string(rc));
            return;
        }
        connection->connected_.store(true, std::memory_order_release);
        connection->just_connected_ = true;
    }

    static void on_disconnect(mosquitto*, void* self, int) {
        static_cast<Connection*>(self)->connected_.store(false, std::memory_order_release);
    }

    static void on_publish(mosquitto*, void* self, int mid) {
        auto* connection = static_cast<Connection*>(self);
        if (connection->heartbeat_mids_.erase(mid) > 0) {
            connection->published_.fetch_add(1, std::memory_order_acq_rel);
        } else if (mid == connection->offline_mid_) {
            connection->offline_acknowledged_ = true;
        }
    }

    const MqttOptions options_;
    const std::function<std::string()> payload_;
    const std::string heartbeat_topic_;
    const std::string status_topic_;
    mosquitto* mosq_ = nullptr;

    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;  // guarded by mutex_

    std::atomic<bool> heartbeat_requested_{false};
    std::atomic<bool> connected_{false};
    std::atomic<std::uint64_t> published_{0};

    // Heartbeat thread only.
    bool just_connected_ = false;
    std::unordered_set<int> heartbeat_mids_;
    int offline_mid_ = -1;
    bool offline_acknowledged_ = false;
};

std::expected<std::unique_ptr<MqttHeartbeat>, std::string> MqttHeartbeat::start(
    MqttOptions options, std::function<std::string()> payload) {
    if (auto ok = check_mqtt_options(options); !ok) return std::unexpected(ok.error());
    if (!payload) return std::unexpected("MQTT heartbeat needs a payload function");
    auto connection = std::make_unique<Connection>(std::move(options), std::move(payload));
    if (auto ok = connection->configure(); !ok) return std::unexpected(ok.error());
    connection->run_in_background();
    return std::unique_ptr<MqttHeartbeat>(new MqttHeartbeat(std::move(connection)));
}

MqttHeartbeat::MqttHeartbeat(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}

MqttHeartbeat::~MqttHeartbeat() = default;

void MqttHeartbeat::publish_now() {
    connection_->request_heartbeat();
}

std::uint64_t MqttHeartbeat::published() const {
    return connection_->published();
}

bool MqttHeartbeat::connected() const {
    return connection_->connected();
}

}  // namespace hk::ops
