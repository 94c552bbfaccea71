// A GA 467 reader on a serial line (RS-232, or a USB-serial bridge seen as /dev/ttyUSBn): termios raw mode,
// 8N1, timed reads with poll(). The device node can vanish and come back (USB-serial unplugged); reopen()
// opens the path again.
#pragma once

#include <memory>
#include <string>

#include "drivers/ga467/transport.h"

namespace hk::drivers::ga467 {

struct SerialSettings {
    std::string path;   // e.g. /dev/ttyUSB0, or a symlink to it
    int baud = 115200;  // GA 467 readers default to 115200; some are set to 9600, 19200, 38400 or 57600
};

// Whether termios knows this rate.
bool is_supported_baud(int baud);

class SerialTransport final : public Ga467Transport {
  public:
    // Starts closed: reopen() opens the line (the reader may not be plugged in yet when the kiosk starts).
    explicit SerialTransport(SerialSettings settings);
    ~SerialTransport() override;
    SerialTransport(const SerialTransport&) = delete;
    SerialTransport& operator=(const SerialTransport&) = delete;

    std::expected<void, TransportError> write(std::span<const std::uint8_t> bytes) override;
    std::expected<std::size_t, TransportError> read_some(std::span<std::uint8_t> into,
                                                         std::chrono::milliseconds timeout) override;
    void discard_input() override;
    std::expected<void, TransportError> reopen() override;
    [[nodiscard]] std::string describe() const override;

    [[nodiscard]] bool is_open() const { return fd_ >= 0; }

  private:
    std::expected<void, TransportError> open_line();
    void close_line();
    TransportError failure(int error, const char* what);

    SerialSettings settings_;
    int fd_ = -1;
};

}  // namespace hk::drivers::ga467
