#include "fd_transport.h"

#include <unistd.h>

#include <cerrno>

#include "fd_io.h"

namespace hk::printer::escpos {

using Clock = std::chrono::steady_clock;

void FdTransport::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

int FdTransport::not_open_error() const {
    return socket_ ? ENOTCONN : EBADF;
}

std::expected<void, drivers::DeviceFault> FdTransport::write(std::span<const std::uint8_t> bytes,
                                                             Millis timeout) {
    if (fd_ < 0) return std::unexpected(failure(not_open_error(), "write"));
    if (auto wrote = fd_io::write_all(fd_, bytes, Clock::now() + timeout, socket_); !wrote) {
        close();
        return std::unexpected(failure(wrote.error(), "write"));
    }
    return {};
}

std::expected<std::size_t, drivers::DeviceFault> FdTransport::read(std::span<std::uint8_t> into,
                                                                   Millis timeout) {
    if (fd_ < 0) return std::unexpected(failure(not_open_error(), "read"));
    auto got = fd_io::read_some(fd_, into, Clock::now() + timeout, socket_);
    if (!got) {
        close();
        return std::unexpected(failure(got.error(), "read"));
    }
    return *got;
}

}  // namespace hk::printer::escpos
