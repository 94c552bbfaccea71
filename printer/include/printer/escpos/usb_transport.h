// ESC/POS over USB with libusb: the printer is found by vendor:product or as the first printer-class (7)
// interface, the kernel's usblp is detached, the interface claimed; bulk OUT carries the job, bulk IN the
// status replies. Where libusb has hot-plug, unplugging is noticed without I/O and a re-plugged printer is
// opened again on the next call.
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <optional>

#include "printer/escpos/transport.h"

namespace hk::printer::escpos {

struct UsbSelector {
    std::optional<std::uint16_t> vendor{};  // both empty: the first printer-class interface on any device
    std::optional<std::uint16_t> product{};
};

// Where the printer was found: enough for a technician and for claiming it.
struct UsbPrinterLocation {
    int bus = 0;
    int address = 0;
    std::uint16_t vendor = 0;
    std::uint16_t product = 0;
    int interface_number = 0;
    std::uint8_t endpoint_out = 0;
    std::optional<std::uint8_t> endpoint_in;  // printers without one cannot report status
};

class UsbTransport final : public Transport {
  public:
    // Fails only when libusb itself cannot start (no usbfs); a missing printer is found out at open().
    static std::expected<std::unique_ptr<UsbTransport>, drivers::DeviceFault> create(UsbSelector selector);
    ~UsbTransport() override;
    UsbTransport(const UsbTransport&) = delete;
    UsbTransport& operator=(const UsbTransport&) = delete;

    // Enumeration only: nothing is opened or claimed.
    std::expected<UsbPrinterLocation, drivers::DeviceFault> find();
    [[nodiscard]] bool hotplug() const;
    // Handles pending hot-plug events; returns how many times the printer has been seen leaving the bus.
    int departures();

    std::expected<void, drivers::DeviceFault> open(Millis timeout) override;
    void close() override;
    std::expected<void, drivers::DeviceFault> write(std::span<const std::uint8_t> bytes,
                                                    Millis timeout) override;
    std::expected<std::size_t, drivers::DeviceFault> read(std::span<std::uint8_t> into,
                                                          Millis timeout) override;
    [[nodiscard]] std::string where() const override;

    struct State;

  private:
    explicit UsbTransport(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace hk::printer::escpos
