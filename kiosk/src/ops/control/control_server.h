// The kiosk's end of the control socket: a Unix domain socket (mode 0660, group kiosk-tech when that group
// exists) that serves JSON-lines requests from kioskctl, one thread per connection, at most a few at once.
// The server knows nothing of the kiosk: each request goes to the handler the kiosk gives it.
#pragma once

#include <atomic>
#include <chrono>
#include <expected>
#include <filesystem>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "ops/control/control_protocol.h"

namespace hk::ops {

struct ControlServerOptions {
    std::filesystem::path socket;
    std::string group = "kiosk-tech";  // the socket's group, when it exists on this system
    std::size_t max_line = 64 * 1024;  // a longer request closes the connection
    int max_clients = 4;
    std::chrono::milliseconds idle_timeout{60'000};  // a silent connection is closed after this
};

using ControlHandler = std::function<ControlReply(const ControlRequest&)>;

class ControlServer {
  public:
    // Refuses to start when another live process serves the socket; a stale socket file is replaced.
    static std::expected<std::unique_ptr<ControlServer>, std::string> start(ControlServerOptions options,
                                                                            ControlHandler handler);
    ~ControlServer();  // stops accepting, ends connections (a running handler is waited for), removes the
                       // file
    ControlServer(const ControlServer&) = delete;
    ControlServer& operator=(const ControlServer&) = delete;

    [[nodiscard]] const std::filesystem::path& socket() const { return options_.socket; }

  private:
    ControlServer(ControlServerOptions options, ControlHandler handler, int listen_fd, int stop_fd);
    void accept_loop(const std::stop_token& stop);
    void serve(int fd, const std::stop_token& stop);
    void reap_finished();

    ControlServerOptions options_;
    ControlHandler handler_;
    int listen_fd_ = -1;
    int stop_fd_ = -1;  // an eventfd: readable once the server stops, wakes every poll()
    std::mutex clients_mutex_;
    struct Client {
        std::jthread thread;
        std::atomic<bool> finished{false};
    };
    std::list<Client> clients_;
    std::jthread acceptor_;  // last: started once everything it uses exists
};

}  // namespace hk::ops
