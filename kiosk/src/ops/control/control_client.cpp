#include "ops/control/control_client.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace hk::ops {
namespace {

ControlReply failure(std::string_view code, std::string message) {
    return std::unexpected(ControlError{std::string{code}, std::move(message)});
}

class Descriptor {
  public:
    explicit Descriptor(int fd) : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    [[nodiscard]] int get() const { return fd_; }

  private:
    int fd_;
};

}  // namespace

std::filesystem::path default_control_socket() {
    if (const char* configured = std::getenv("HUKIOSK_CONTROL_SOCKET");
        configured != nullptr && *configured != 0) {
        return configured;
    }
    const std::filesystem::path appliance = "/run/hukiosk/control.sock";
    std::error_code ignored;
    if (std::filesystem::exists(appliance, ignored)) return appliance;
    return std::filesystem::path("hukiosk-state") / "control.sock";
}

ControlReply call_control(const std::filesystem::path& socket, std::string_view command,
                          const nlohmann::json& args, std::chrono::milliseconds timeout) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string path = socket.string();
    if (path.empty() || path.size() >= sizeof address.sun_path) {
        return failure(kErrorFailed, "control socket path empty or too long: " + path);
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const Descriptor fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (fd.get() < 0) return failure(kErrorFailed, std::string("socket: ") + std::strerror(errno));
    if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        const int error = errno;
        if (error == ENOENT || error == ECONNREFUSED) {
            return failure(kErrorNoKiosk, "no kiosk is running (nothing serves " + path +
                                              "); start it, or name its socket with --socket");
        }
        if (error == EACCES || error == EPERM) {
            return failure(kErrorPermissionDenied,
                           "permission denied on " + path +
                               ": add your account to the kiosk-tech group and log in again");
        }
        return failure(kErrorFailed, "cannot connect to " + path + ": " + std::strerror(error));
    }
    const std::string line = request_line(command, args);
    // A kiosk that refuses the connection (too many clients) answers and closes before reading: the send then
    // fails, but its answer is waiting to be read below.
    for (std::size_t sent = 0; sent < line.size();) {
        const ssize_t n = ::send(fd.get(), line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string reply;
    char chunk[8192];
    while (reply.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return failure(kErrorTimedOut, "the kiosk did not answer '" + std::string{command} + "' in " +
                                               std::to_string(timeout.count() / 1000) + " s");
        }
        pollfd readable{fd.get(), POLLIN, 0};
        const int ready = ::poll(&readable, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        const ssize_t n = ::recv(fd.get(), chunk, sizeof chunk, 0);
        if (n <= 0) return failure(kErrorFailed, "the kiosk closed the control connection without an answer");
        reply.append(chunk, static_cast<std::size_t>(n));
    }
    return parse_reply_line(std::string_view(reply).substr(0, reply.find('\n')));
}

}  // namespace hk::ops
