#include "fd_io.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace hk::printer::escpos::fd_io {

Wait wait_for(int fd, short events, std::chrono::steady_clock::time_point deadline, int& error) {
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd entry{fd, events, 0};
        const int ready =
            ::poll(&entry, 1, static_cast<int>(std::max<std::chrono::milliseconds::rep>(left.count(), 0)));
        if (ready > 0) {
            // POLLHUP/POLLERR count as ready: the read or write that follows names the error.
            return Wait::Ready;
        }
        if (ready == 0) return Wait::TimedOut;
        if (errno != EINTR) {
            error = errno;
            return Wait::Failed;
        }
    }
}

std::expected<void, int> write_all(int fd, std::span<const std::uint8_t> bytes,
                                   std::chrono::steady_clock::time_point deadline, bool socket) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        int error = 0;
        switch (wait_for(fd, POLLOUT, deadline, error)) {
            case Wait::TimedOut:
                return std::unexpected(ETIMEDOUT);
            case Wait::Failed:
                return std::unexpected(error);
            case Wait::Ready:
                break;
        }
        const std::span<const std::uint8_t> rest = bytes.subspan(done);
        // MSG_NOSIGNAL: a printer that closed the connection is an error value, not a SIGPIPE.
        const ssize_t wrote = socket ? ::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL)
                                     : ::write(fd, rest.data(), rest.size());
        if (wrote < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
            return std::unexpected(errno);
        }
        done += static_cast<std::size_t>(wrote);
    }
    return {};
}

std::expected<std::size_t, int> read_some(int fd, std::span<std::uint8_t> into,
                                          std::chrono::steady_clock::time_point deadline, bool socket) {
    for (;;) {
        int error = 0;
        switch (wait_for(fd, POLLIN, deadline, error)) {
            case Wait::TimedOut:
                return 0;
            case Wait::Failed:
                return std::unexpected(error);
            case Wait::Ready:
                break;
        }
        const ssize_t got =
            socket ? ::recv(fd, into.data(), into.size(), 0) : ::read(fd, into.data(), into.size());
        if (got > 0) return static_cast<std::size_t>(got);
        if (got == 0) {
            if (socket) return std::unexpected(ECONNRESET);
            // usblp answers a read with 0 bytes when the printer has nothing to say: wait for the deadline.
            if (std::chrono::steady_clock::now() >= deadline) return 0;
            ::usleep(10000);
            continue;
        }
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
            if (std::chrono::steady_clock::now() >= deadline) return 0;
            continue;
        }
        return std::unexpected(errno);
    }
}

}  // namespace hk::printer::escpos::fd_io
