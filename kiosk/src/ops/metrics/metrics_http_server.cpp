#include "metrics_http_server.h"

#include <httplib.h>

#include <chrono>
#include <utility>

namespace hk::ops {

namespace {

constexpr const char* kExpositionContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace

MetricsHttpServer::MetricsHttpServer(std::unique_ptr<httplib::Server> server, int port)
    : server_(std::move(server)), port_(port) {
    listener_ = std::thread([this] {
        server_->listen_after_bind();
        listener_done_ = true;
    });
    // The socket is bound already, so a scrape that comes early waits in the backlog. The wait is for the
    // destructor: httplib's stop() does nothing before the accept loop runs, and the join would then hang.
    while (!server_->is_running() && !listener_done_)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

MetricsHttpServer::~MetricsHttpServer() {
    server_->stop();
    if (listener_.joinable()) listener_.join();
}

std::expected<std::unique_ptr<MetricsHttpServer>, std::string> MetricsHttpServer::start(
    const Metrics& metrics, std::string host, int port) {
    auto server = std::make_unique<httplib::Server>();
    server->Get("/metrics", [&metrics](const httplib::Request&, httplib::Response& response) {
        response.set_content(metrics.prometheus_text(), kExpositionContentType);
    });
    // Every other path and method falls through to httplib's 404 (or 400 for a malformed request); an
    // exception in rendering answers 500 without its text.
    server->set_exception_handler(
        [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
            response.status = 500;
            response.set_content("internal error\n", "text/plain");
        });
    // httplib's default also sets SO_REUSEPORT, which would let a second listener (ours or another
    // program's) share the port and take half the scrapes. SO_REUSEADDR alone still allows a quick restart.
    server->set_socket_options([](socket_t sock) {
        const int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    const int bound =
        port == 0 ? server->bind_to_any_port(host) : (server->bind_to_port(host, port) ? port : -1);
    if (bound <= 0) return std::unexpected("metrics: cannot listen on " + host + ":" + std::to_string(port));
    return std::unique_ptr<MetricsHttpServer>(new MetricsHttpServer(std::move(server), bound));
}

}  // namespace hk::ops
