// The byte pipe to a receipt printer: TCP port 9100, a character device (/dev/usb/lpN) or USB through libusb.
// Every call has a timeout and reports failures as values, so a printer that is off or gone never blocks
// the worker thread for long and never throws.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "drivers/device.h"

namespace hk::printer::escpos {

using Millis = std::chrono::milliseconds;

class Transport {
  public:
    virtual ~Transport() = default;
    // Connects, or does nothing when connected. After any failed call the transport is closed, so the next
    // open() starts afresh (the printer may have been power-cycled or re-plugged).
    virtual std::expected<void, drivers::DeviceFault> open(Millis timeout) = 0;
    virtual void close() = 0;
    // Writes all of `bytes` within `timeout`, or fails.
    virtual std::expected<void, drivers::DeviceFault> write(std::span<const std::uint8_t> bytes,
                                                            Millis timeout) = 0;
    // Reads what has arrived, waiting up to `timeout` for it; 0 bytes when nothing came in time.
    virtual std::expected<std::size_t, drivers::DeviceFault> read(std::span<std::uint8_t> into,
                                                                  Millis timeout) = 0;
    // Where the printer is, for technician messages: "tcp 10.1.2.3:9100", "/dev/usb/lp0", "usb 04b8:0e15".
    [[nodiscard]] virtual std::string where() const = 0;
};

std::unique_ptr<Transport> make_tcp_transport(std::string host, std::uint16_t port);
std::unique_ptr<Transport> make_device_transport(std::filesystem::path path);

}  // namespace hk::printer::escpos
