// The byte pipe to a GA 467 reader: a serial line (most readers, also behind USB-serial bridges) or libusb
// bulk endpoints. The session above it knows frames; a transport only moves bytes and says how it failed.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <string>

namespace hk::drivers::ga467 {

enum class TransportFailure : std::uint8_t {
    Timeout,  // nothing arrived in time
    Gone,     // the device left (EIO, ENXIO, ENODEV, hang-up, LIBUSB_ERROR_NO_DEVICE) or is not there
    Busy,     // another process holds it
    Io,       // anything else
};

struct TransportError {
    TransportFailure failure;
    std::string detail;  // the device path or id and the system's words; never data
};

class Ga467Transport {
  public:
    virtual ~Ga467Transport() = default;

    // Writes all of `bytes` or fails.
    virtual std::expected<void, TransportError> write(std::span<const std::uint8_t> bytes) = 0;
    // Waits up to `timeout` for bytes and returns how many were stored in `into` (at least one).
    virtual std::expected<std::size_t, TransportError> read_some(std::span<std::uint8_t> into,
                                                                 std::chrono::milliseconds timeout) = 0;
    // Throws away bytes that arrived but were not read (a late answer to a command already given up on).
    virtual void discard_input() = 0;
    // Closes and opens the device again: how the reader comes back after being unplugged.
    virtual std::expected<void, TransportError> reopen() = 0;
    // e.g. "serial /dev/ttyUSB0", for fault details.
    [[nodiscard]] virtual std::string describe() const = 0;
};

}  // namespace hk::drivers::ga467
