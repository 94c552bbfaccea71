// Serves the metrics page over plain HTTP (cpp-httplib) on a local port, for a Prometheus scraper on the
// kiosk's management network or a technician's curl: GET /metrics answers the registry's text, anything else
// 404. The page holds counts and device states only, never personal data.
#pragma once

#include <atomic>
#include <expected>
#include <memory>
#include <string>
#include <thread>

#include "metrics.h"

namespace httplib {
class Server;
}

namespace hk::ops {

class MetricsHttpServer {
  public:
    // GET /metrics -> 200 text/plain; version=0.0.4; anything else 404. port 0: an ephemeral port.
    // `metrics` must outlive the server.
    static std::expected<std::unique_ptr<MetricsHttpServer>, std::string> start(const Metrics& metrics,
                                                                                std::string host, int port);
    [[nodiscard]] int port() const { return port_; }
    ~MetricsHttpServer();  // stops and joins
    MetricsHttpServer(const MetricsHttpServer&) = delete;
    MetricsHttpServer& operator=(const MetricsHttpServer&) = delete;

  private:
    MetricsHttpServer(std::unique_ptr<httplib::Server> server, int port);

    std::unique_ptr<httplib::Server> server_;
    int port_;
    std::atomic<bool> listener_done_{false};
    std::thread listener_;
};

}  // namespace hk::ops
