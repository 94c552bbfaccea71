// A GA 467 reader with a native USB interface (no serial bridge): the same frames over bulk endpoints,
// through libusb. Compile-tested only: the build machine has no USB bus, so nothing here has met a device.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "drivers/ga467/transport.h"

namespace hk::drivers::ga467 {

struct UsbReaderId {
    std::uint16_t vendor = 0x0400;  // the vendor:product most GA 467 USB readers enumerate with
    std::uint16_t product = 0xC35A;
};

class UsbTransport final : public Ga467Transport {
  public:
    // Starts closed: reopen() starts libusb and opens the first device with `id`.
    explicit UsbTransport(UsbReaderId id);
    ~UsbTransport() override;
    UsbTransport(const UsbTransport&) = delete;
    UsbTransport& operator=(const UsbTransport&) = delete;

    std::expected<void, TransportError> write(std::span<const std::uint8_t> bytes) override;
    std::expected<std::size_t, TransportError> read_some(std::span<std::uint8_t> into,
                                                         std::chrono::milliseconds timeout) override;
    void discard_input() override;
    std::expected<void, TransportError> reopen() override;
    [[nodiscard]] std::string describe() const override;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace hk::drivers::ga467
