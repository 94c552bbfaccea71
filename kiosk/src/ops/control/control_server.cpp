#include "ops/control/control_server.h"

#include <grp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hk::ops {
namespace {

std::string errno_text(std::string_view what) {
    return std::string{what} + ": " + std::strerror(errno);
}

std::expected<sockaddr_un, std::string> socket_address(const std::filesystem::path& path) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string text = path.string();
    if (text.empty() || text.size() >= sizeof address.sun_path) {
        return std::unexpected("control socket path empty or longer than " +
                               std::to_string(sizeof address.sun_path - 1) + " bytes: " + text);
    }
    std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
    return address;
}

// True when some process accepts connections on the socket file now.
bool someone_listens(const sockaddr_un& address) {
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe < 0) return false;
    const bool answered = ::connect(probe, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(probe);
    return answered;
}

void give_to_group(const std::filesystem::path& path, const std::string& group) {
    if (group.empty()) return;
    std::string buffer(4096, '\0');
    struct group entry {};
    struct group* found = nullptr;
    while (::getgrnam_r(group.c_str(), &entry, buffer.data(), buffer.size(), &found) == ERANGE &&
           buffer.size() < (1U << 20)) {
        buffer.resize(buffer.size() * 2);
    }
    // No such group (a development machine): the owner alone can connect, which is the safe side.
    if (found != nullptr) (void)::chown(path.c_str(), static_cast<uid_t>(-1), found->gr_gid);
}

}  // namespace

std::expected<std::unique_ptr<ControlServer>, std::string> ControlServer::start(ControlServerOptions options,
                                                                                ControlHandler handler) {
    auto address = socket_address(options.socket);
    if (!address) return std::unexpected(address.error());
    std::error_code ignored;
    if (std::filesystem::exists(options.socket, ignored)) {
        if (someone_listens(*address)) {
            return std::unexpected("another kiosk already serves the control socket " +
                                   options.socket.string());
        }
        std::filesystem::remove(options.socket, ignored);  // left by a crash
    }
    std::filesystem::create_directories(options.socket.parent_path(), ignored);
    const int listen_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd < 0) return std::unexpected(errno_text("control socket"));
    // Created without group/other access, then opened to the group: no moment when others may connect.
    const mode_t old_mask = ::umask(0177);
    const int bound = ::bind(listen_fd, reinterpret_cast<const sockaddr*>(&*address), sizeof *address);
    ::umask(old_mask);
    if (bound != 0 || ::listen(listen_fd, 8) != 0) {
        std::string error = errno_text("control socket " + options.socket.string());
        ::close(listen_fd);
        return std::unexpected(std::move(error));
    }
    give_to_group(options.socket, options.group);
    ::chmod(options.socket.c_str(), 0660);
    const int stop_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (stop_fd < 0) {
        std::string error = errno_text("eventfd");
        ::close(listen_fd);
        return std::unexpected(std::move(error));
    }
    return std::unique_ptr<ControlServer>(
        new ControlServer(std::move(options), std::move(handler), listen_fd, stop_fd));
}

ControlServer::ControlServer(ControlServerOptions options, ControlHandler handler, int listen_fd, int stop_fd)
    : options_(std::move(options)), handler_(std::move(handler)), listen_fd_(listen_fd), stop_fd_(stop_fd) {
    acceptor_ = std::jthread([this](const std::stop_token& stop) { accept_loop(stop); });
}

ControlServer::~ControlServer() {
    acceptor_.request_stop();
    const std::uint64_t one = 1;
    (void)::write(stop_fd_, &one, sizeof one);
    if (acceptor_.joinable()) acceptor_.join();
    {
        std::lock_guard lock(clients_mutex_);
        for (Client& client : clients_) client.thread.request_stop();
    }
    clients_.clear();  // joins each connection's thread
    ::close(listen_fd_);
    ::close(stop_fd_);
    std::error_code ignored;
    std::filesystem::remove(options_.socket, ignored);
}

void ControlServer::reap_finished() {
    std::lock_guard lock(clients_mutex_);
    clients_.remove_if([](const Client& client) { return client.finished.load(); });
}

void ControlServer::accept_loop(const std::stop_token& stop) {
    while (!stop.stop_requested()) {
        pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if ((fds[1].revents & POLLIN) != 0) return;
        if ((fds[0].revents & POLLIN) == 0) continue;
        const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        reap_finished();
        std::lock_guard lock(clients_mutex_);
        if (static_cast<int>(clients_.size()) >= options_.max_clients) {
            const std::string refusal = reply_line(
                std::unexpected(ControlError{std::string{kErrorTooManyClients},
                                             "the kiosk serves too many kioskctl connections; try again"}));
            (void)::send(fd, refusal.data(), refusal.size(), MSG_NOSIGNAL);
            ::close(fd);
            continue;
        }
        Client& client = clients_.emplace_back();
        client.thread = std::jthread([this, fd, &client](const std::stop_token& client_stop) {
            serve(fd, client_stop);
            ::close(fd);
            client.finished = true;
        });
    }
}

void ControlServer::serve(int fd, const std::stop_token& stop) {
    ucred peer{};
    socklen_t peer_size = sizeof peer;
    const bool known_peer = ::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &peer_size) == 0;
    std::string pending;
    char chunk[4096];
    while (!stop.stop_requested()) {
        // Serve every complete line already received.
        for (auto end = pending.find('\n'); end != std::string::npos; end = pending.find('\n')) {
            const std::string line = pending.substr(0, end);
            pending.erase(0, end + 1);
            auto request = parse_request_line(line);
            ControlReply reply = std::unexpected(ControlError{});
            if (!request) {
                reply = std::unexpected(request.error());
            } else {
                request->peer_uid = known_peer ? static_cast<int>(peer.uid) : -1;
                request->peer_pid = known_peer ? static_cast<int>(peer.pid) : -1;
                reply = handler_(*request);
            }
            const std::string answer = reply_line(reply);
            for (std::size_t sent = 0; sent < answer.size();) {
                const ssize_t n = ::send(fd, answer.data() + sent, answer.size() - sent, MSG_NOSIGNAL);
                if (n <= 0) return;
                sent += static_cast<std::size_t>(n);
            }
        }
        if (pending.size() > options_.max_line) return;  // no newline in sight: not a kioskctl
        pollfd fds[2] = {{fd, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
        const int ready = ::poll(fds, 2, static_cast<int>(options_.idle_timeout.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0 || (fds[1].revents & POLLIN) != 0) return;
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return;
        pending.append(chunk, static_cast<std::size_t>(n));
    }
}

}  // namespace hk::ops
