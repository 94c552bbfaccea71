// The HTTPS front of central-ref: one mutual-TLS listener (cpp-httplib) whose routes hand the raw request to
// CentralService. Client certificates are required and verified against the kiosk CA during the handshake, so
// a kiosk without one never reaches a route. That includes GET /v1/keys, which openapi.yaml marks as needing
// no client certificate: one listener cannot ask for a certificate on some paths only.
#pragma once

#include <cstddef>
#include <expected>
#include <memory>
#include <string>

#include "central_service.h"

namespace httplib {
class SSLServer;
}

namespace hk::central {

struct ServerTls {
    std::string certificate;  // PEM file: the server's certificate
    std::string private_key;  // PEM file
    std::string client_ca;    // PEM file: the CA that issues kiosk certificates
};

// Request size limits from openapi.yaml: 1 MiB, except applications with their attachments.
inline constexpr std::size_t kMaxBodyBytes = std::size_t{1} << 20;
inline constexpr std::size_t kMaxApplicationBodyBytes = std::size_t{32} << 20;

class CentralServer {
  public:
    // `log_requests`: one line per request on stderr (method, path, status, kiosk id; never a body).
    CentralServer(CentralService& service, const ServerTls& tls, bool log_requests);
    ~CentralServer();
    CentralServer(const CentralServer&) = delete;
    CentralServer& operator=(const CentralServer&) = delete;

    // Loads the TLS material and binds; port 0 picks a free port. Returns the port bound.
    std::expected<int, std::string> bind(const std::string& host, int port);
    // Serves until stop(); false if the listener failed.
    bool run();
    // Safe from any thread; a no-op before run() has started.
    void stop();
    [[nodiscard]] bool running() const;

  private:
    void add_routes();

    CentralService& service_;
    bool log_requests_;
    std::unique_ptr<httplib::SSLServer> server_;
};

}  // namespace hk::central
