// A central service that misbehaves on request, inside the test process: real TLS (cpp-httplib SSLServer)
// that demands a kiosk client certificate from the provincial CA, on 127.0.0.1 at a free port. Each test
// scripts its routes; the server records every request that reached a route, so tests can assert what the
// client sent (headers, bodies, how many attempts).
#pragma once

// pkg-config cpp-httplib defines it already; the header alone would leave SSLServer out.
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hk::kiosk::central::test {

struct SeenRequest {
    std::string method;
    std::string path;
    std::string idempotency_key;  // empty when the header was absent
    bool had_idempotency_key = false;
    std::string content_type;
    std::string body;
};

class HostileServer {
  public:
    // call: 1 for the first request this route receives.
    using Route = std::function<void(const httplib::Request&, httplib::Response&, int call)>;

    struct Identity {
        std::string cert, key;  // the server's own certificate
        std::string client_ca;  // which CA kiosk certificates must come from
    };

    explicit HostileServer(const Identity& identity);
    ~HostileServer();
    HostileServer(const HostileServer&) = delete;
    HostileServer& operator=(const HostileServer&) = delete;

    void get(const std::string& path, Route route);
    void post(const std::string& path, Route route);
    // Starts serving; routes must be registered before.
    void start();

    [[nodiscard]] std::string base_url() const;
    [[nodiscard]] std::vector<SeenRequest> seen() const;
    [[nodiscard]] int count(const std::string& path) const;

    // For slow routes: waits until the server is shutting down or `at_most` has passed.
    void hold(std::chrono::milliseconds at_most);

  private:
    void add(bool is_post, const std::string& path, Route route);

    httplib::SSLServer server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::condition_variable released_cv_;
    bool released_ = false;
    std::vector<SeenRequest> seen_;
};

// A port on 127.0.0.1 where nothing listens (bound, then closed).
int unused_port();

}  // namespace hk::kiosk::central::test
