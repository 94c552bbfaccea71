// Writing and reading a non-blocking file descriptor with poll() and a deadline: what the TCP and the
// character-device transports share. Errors come back as errno values for the transport to name.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>

namespace hk::printer::escpos::fd_io {

enum class Wait { Ready, TimedOut, Failed };

// Waits for `events` (POLLIN / POLLOUT) on `fd` until `deadline`, retrying after signals.
Wait wait_for(int fd, short events, std::chrono::steady_clock::time_point deadline, int& error);

// All of `bytes`, or the errno that stopped it (ETIMEDOUT when the deadline passed first).
std::expected<void, int> write_all(int fd, std::span<const std::uint8_t> bytes,
                                   std::chrono::steady_clock::time_point deadline, bool socket);

// What has arrived by `deadline` (0 bytes when nothing did), or the errno; ECONNRESET when the peer closed.
std::expected<std::size_t, int> read_some(int fd, std::span<std::uint8_t> into,
                                          std::chrono::steady_clock::time_point deadline, bool socket);

}  // namespace hk::printer::escpos::fd_io
