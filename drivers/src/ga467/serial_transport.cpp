#include "drivers/ga467/serial_transport.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

namespace hk::drivers::ga467 {

namespace {

struct BaudRate {
    int baud;
    speed_t speed;
};
constexpr BaudRate kBaudRates[] = {{9600, B9600},     {19200, B19200},   {38400, B38400},
                                   {57600, B57600},   {115200, B115200}, {230400, B230400},
                                   {460800, B460800}, {921600, B921600}};

std::optional<speed_t> speed_of(int baud) {
    for (const BaudRate& rate : kBaudRates) {
        if (rate.baud == baud) return rate.speed;
    }
    return std::nullopt;
}

// Errors that mean the device is not there (any more): a USB-serial bridge unplugged returns EIO on the
// open descriptor and ENODEV/ENXIO/ENOENT on opening again; a pseudo-terminal whose master closed, EIO.
bool means_gone(int error) {
    return error == EIO || error == ENXIO || error == ENODEV || error == ENOENT;
}

}  // namespace

bool is_supported_baud(int baud) {
    return speed_of(baud).has_value();
}

SerialTransport::SerialTransport(SerialSettings settings) : settings_(std::move(settings)) {}

SerialTransport::~SerialTransport() {
    close_line();
}

std::string SerialTransport::describe() const {
    return "serial " + settings_.path;
}

TransportError SerialTransport::failure(int error, const char* what) {
    TransportFailure kind = TransportFailure::Io;
    if (means_gone(error)) {
        kind = TransportFailure::Gone;
        close_line();  // a dead descriptor is no use; reopen() starts over
    } else if (error == EBUSY || error == EWOULDBLOCK) {
        kind = TransportFailure::Busy;
    }
    return {kind, describe() + ": " + what + ": " + std::strerror(error)};
}

std::expected<void, TransportError> SerialTransport::open_line() {
    close_line();
    const std::optional<speed_t> speed = speed_of(settings_.baud);
    if (!speed)
        return std::unexpected(TransportError{TransportFailure::Io, describe() + ": unsupported baud rate"});
    const int fd = ::open(settings_.path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return std::unexpected(failure(errno, "open"));
    fd_ = fd;
    // Advisory: two kiosk processes (or a technician's tool) on one reader would steal each other's answers.
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        close_line();
        return std::unexpected(failure(error, "lock"));
    }
    termios tty{};
    if (::tcgetattr(fd_, &tty) != 0) {
        const int error = errno;
        return std::unexpected(failure(error, "tcgetattr"));
    }
    ::cfmakeraw(&tty);
    tty.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS | CSIZE);
    tty.c_cflag |= CS8 | CLOCAL | CREAD;
    tty.c_cc[VMIN] = 0;  // reads are timed by poll(), not by the driver
    tty.c_cc[VTIME] = 0;
    ::cfsetispeed(&tty, *speed);
    ::cfsetospeed(&tty, *speed);
    if (::tcsetattr(fd_, TCSANOW, &tty) != 0) {
        const int error = errno;
        return std::unexpected(failure(error, "tcsetattr"));
    }
    ::tcflush(fd_, TCIOFLUSH);
    return {};
}

void SerialTransport::close_line() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

std::expected<void, TransportError> SerialTransport::reopen() {
    return open_line();
}

std::expected<void, TransportError> SerialTransport::write(std::span<const std::uint8_t> bytes) {
    if (fd_ < 0) return std::unexpected(TransportError{TransportFailure::Gone, describe() + ": not open"});
    while (!bytes.empty()) {
        const ssize_t wrote = ::write(fd_, bytes.data(), bytes.size());
        if (wrote < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) {  // output buffer full: wait for room, briefly
                pollfd entry{fd_, POLLOUT, 0};
                if (::poll(&entry, 1, 1000) <= 0)
                    return std::unexpected(
                        TransportError{TransportFailure::Timeout, describe() + ": write stalled"});
                if ((entry.revents & (POLLHUP | POLLERR)) != 0) return std::unexpected(failure(EIO, "write"));
                continue;
            }
            return std::unexpected(failure(errno, "write"));
        }
        bytes = bytes.subspan(static_cast<std::size_t>(wrote));
    }
    return {};
}

std::expected<std::size_t, TransportError> SerialTransport::read_some(std::span<std::uint8_t> into,
                                                                      std::chrono::milliseconds timeout) {
    if (fd_ < 0) return std::unexpected(TransportError{TransportFailure::Gone, describe() + ": not open"});
    pollfd entry{fd_, POLLIN, 0};
    for (;;) {
        const int ready = ::poll(&entry, 1, static_cast<int>(timeout.count()));
        if (ready < 0) {
            if (errno == EINTR) continue;  // the remaining time is not tracked: a signal here is rare
            return std::unexpected(failure(errno, "poll"));
        }
        if (ready == 0)
            return std::unexpected(TransportError{TransportFailure::Timeout, describe() + ": no data"});
        break;
    }
    const ssize_t got = ::read(fd_, into.data(), into.size());
    if (got > 0) return static_cast<std::size_t>(got);
    if (got < 0 && errno != EAGAIN && errno != EINTR) return std::unexpected(failure(errno, "read"));
    // Readable with nothing to read, or hang-up: the far end went away.
    if ((entry.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0 || got == 0)
        return std::unexpected(failure(EIO, "hang-up"));
    return std::unexpected(TransportError{TransportFailure::Timeout, describe() + ": no data"});
}

void SerialTransport::discard_input() {
    if (fd_ >= 0) ::tcflush(fd_, TCIFLUSH);
}

}  // namespace hk::drivers::ga467
