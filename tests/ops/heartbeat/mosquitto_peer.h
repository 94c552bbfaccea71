// A real mosquitto broker for the heartbeat tests: private config in a temp dir, loopback ports picked free,
// plain and TLS listeners (dev PKI made with tools/dev-pki.sh), stop and restart on the same ports; and
// mosquitto_sub run through popen to read what the broker delivers.
#pragma once

#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace hk::ops::test {

class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// A loopback TCP port nobody listens on right now.
int free_loopback_port();

// Makes a dev PKI (CA, server certificate for 127.0.0.1, one kiosk client certificate) in dir.
struct DevPki {
    std::filesystem::path ca, server_cert, server_key, client_cert, client_key;
};
DevPki make_dev_pki(const std::filesystem::path& dir, const std::string& kiosk_id);

class MosquittoBroker {
  public:
    // Plain listener always; with a PKI also a TLS listener and a TLS listener that requires a client
    // certificate. Throws if the broker does not come up.
    explicit MosquittoBroker(std::optional<DevPki> pki = std::nullopt);
    ~MosquittoBroker();
    MosquittoBroker(const MosquittoBroker&) = delete;
    MosquittoBroker& operator=(const MosquittoBroker&) = delete;

    void stop();
    void start();  // again, on the same ports

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] int tls_port() const { return tls_port_; }
    [[nodiscard]] int client_cert_port() const { return client_cert_port_; }

  private:
    TempDir dir_;
    std::optional<DevPki> pki_;
    int port_ = 0;
    int tls_port_ = 0;
    int client_cert_port_ = 0;
    pid_t pid_ = -1;
};

// `mosquitto_sub -v -C count -W 10` on one topic filter: each line is "<topic> <payload>". Stopped when
// destroyed, so a test never waits for its timeout.
class Subscriber {
  public:
    Subscriber(int port, const std::string& topic_filter, int count);
    ~Subscriber();
    Subscriber(const Subscriber&) = delete;
    Subscriber& operator=(const Subscriber&) = delete;
    // The next delivered message, or nullopt once mosquitto_sub has ended (count reached or 10 s timeout).
    std::optional<std::string> next_line();

  private:
    FILE* output_ = nullptr;
    pid_t pid_ = -1;
};

// Polls `condition` until it holds or `limit` passes; returns whether it held.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        ::usleep(20000);
    }
    return condition();
}

}  // namespace hk::ops::test
