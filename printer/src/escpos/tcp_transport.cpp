// TCP port 9100 ("raw" or "JetDirect" printing): the connection is the printer; whatever it sends back on it
// is status. Connecting is non-blocking so an unreachable printer costs at most the connect timeout.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "fd_io.h"
#include "fd_transport.h"

namespace hk::printer::escpos {

namespace {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;
using Clock = std::chrono::steady_clock;

FaultKind fault_kind_of(int error) {
    switch (error) {
        case ECONNREFUSED:  // nothing listening: printer off, or its network card restarting
        case EHOSTUNREACH:
        case ENETUNREACH:
        case EHOSTDOWN:
            return FaultKind::Unplugged;
        case ETIMEDOUT:
            return FaultKind::Timeout;
        default:
            return FaultKind::IoError;
    }
}

class TcpTransport final : public FdTransport {
  public:
    TcpTransport(std::string host, std::uint16_t port)
        : FdTransport(/*socket=*/true), host_(std::move(host)), port_(port) {}

    std::expected<void, DeviceFault> open(Millis timeout) override {
        if (fd_ >= 0) return {};
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        const std::string port = std::to_string(port_);
        if (const int error = ::getaddrinfo(host_.c_str(), port.c_str(), &hints, &found); error != 0) {
            return std::unexpected(DeviceFault{DeviceKind::ReceiptPrinter, FaultKind::Unplugged,
                                               where() + ": cannot resolve host: " + ::gai_strerror(error)});
        }
        const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
        const Clock::time_point deadline = Clock::now() + timeout;
        int last_error = ECONNREFUSED;
        for (const addrinfo* address = found; address != nullptr; address = address->ai_next) {
            const int fd = ::socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                                    address->ai_protocol);
            if (fd < 0) {
                last_error = errno;
                continue;
            }
            last_error = connect_one(fd, address, deadline);
            if (last_error == 0) {
                // Receipts are small and status questions are three bytes: send them now, not after 40 ms.
                const int on = 1;
                ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
                fd_ = fd;
                return {};
            }
            ::close(fd);
        }
        return std::unexpected(failure(last_error, "connect"));
    }

    [[nodiscard]] std::string where() const override { return "tcp " + host_ + ":" + std::to_string(port_); }

  private:
    // 0 once connected, else the errno.
    static int connect_one(int fd, const addrinfo* address, Clock::time_point deadline) {
        if (::connect(fd, address->ai_addr, address->ai_addrlen) == 0) return 0;
        if (errno != EINPROGRESS) return errno;
        int error = 0;
        switch (fd_io::wait_for(fd, POLLOUT, deadline, error)) {
            case fd_io::Wait::TimedOut:
                return ETIMEDOUT;
            case fd_io::Wait::Failed:
                return error;
            case fd_io::Wait::Ready:
                break;
        }
        socklen_t length = sizeof error;
        if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) return errno;
        return error;
    }

    [[nodiscard]] DeviceFault failure(int error, const char* what) const override {
        std::string detail = where() + ": " + what + ": ";
        detail +=
            error == ECONNRESET || error == EPIPE ? "connection closed by the printer" : std::strerror(error);
        return {DeviceKind::ReceiptPrinter, fault_kind_of(error), std::move(detail)};
    }

    std::string host_;
    std::uint16_t port_;
};

}  // namespace

std::unique_ptr<Transport> make_tcp_transport(std::string host, std::uint16_t port) {
    return std::make_unique<TcpTransport>(std::move(host), port);
}

}  // namespace hk::printer::escpos
