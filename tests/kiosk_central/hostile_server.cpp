#include "hostile_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <stdexcept>

namespace hk::kiosk::central::test {

HostileServer::HostileServer(const Identity& identity)
    : server_(identity.cert.c_str(), identity.key.c_str(), identity.client_ca.c_str()) {
    // Writing to a connection the client dropped (the oversized-answer tests) must fail, not kill the
    // process.
    std::signal(SIGPIPE, SIG_IGN);
    if (!server_.is_valid()) throw std::runtime_error("test server: TLS setup failed");
    // Test answers are small except the deliberately huge ones; timeouts are short so stop() returns quickly.
    server_.set_read_timeout(std::chrono::seconds(2));
    server_.set_write_timeout(std::chrono::seconds(2));
    // Without it, Nagle's algorithm holds the answer's body behind its headers until the client's delayed
    // ACK: 40 ms per request.
    server_.set_tcp_nodelay(true);
}

HostileServer::~HostileServer() {
    {
        std::lock_guard lock(mutex_);
        released_ = true;
    }
    released_cv_.notify_all();
    server_.stop();
    if (thread_.joinable()) thread_.join();
}

void HostileServer::add(bool is_post, const std::string& path, Route route) {
    auto calls = std::make_shared<std::atomic<int>>(0);
    httplib::Server::Handler handler = [this, route = std::move(route), calls](
                                           const httplib::Request& request, httplib::Response& response) {
        SeenRequest seen{request.method,
                         request.path,
                         request.get_header_value("Idempotency-Key"),
                         request.has_header("Idempotency-Key"),
                         request.get_header_value("Content-Type"),
                         request.body};
        {
            std::lock_guard lock(mutex_);
            seen_.push_back(std::move(seen));
        }
        route(request, response, ++*calls);
    };
    if (is_post) {
        server_.Post(path, std::move(handler));
    } else {
        server_.Get(path, std::move(handler));
    }
}

void HostileServer::get(const std::string& path, Route route) {
    add(false, path, std::move(route));
}
void HostileServer::post(const std::string& path, Route route) {
    add(true, path, std::move(route));
}

void HostileServer::start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("test server: bind failed");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // Clients could connect already (the socket listens from bind on), but stop() is a no-op until the loop
    // runs: wait for it, or a test that sends nothing would hang in the destructor.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

std::string HostileServer::base_url() const {
    return "https://127.0.0.1:" + std::to_string(port_);
}

std::vector<SeenRequest> HostileServer::seen() const {
    std::lock_guard lock(mutex_);
    return seen_;
}

int HostileServer::count(const std::string& path) const {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const SeenRequest& request : seen_) n += request.path == path ? 1 : 0;
    return n;
}

void HostileServer::hold(std::chrono::milliseconds at_most) {
    std::unique_lock lock(mutex_);
    released_cv_.wait_for(lock, at_most, [this] { return released_; });
}

int unused_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("unused_port: socket failed");
    }
    const int port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

}  // namespace hk::kiosk::central::test
