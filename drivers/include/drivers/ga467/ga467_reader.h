// The resident ID reader backend for GA 467 SAM readers, chosen by a connection string:
//   ga467:/dev/ttyUSB0          serial line at 115200 baud
//   ga467:/dev/ttyS1@9600       serial line at another rate
//   ga467:usb                   native USB reader, default vendor:product 0400:C35A
//   ga467:usb:VVVV:PPPP         native USB reader with another vendor:product (hex)
// A reader unplugged and plugged back in recovers on the next call, without restarting the kiosk.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "drivers/ga467/sam_session.h"
#include "drivers/ga467/serial_transport.h"
#include "drivers/ga467/usb_transport.h"
#include "drivers/resident_id_reader.h"

namespace hk::drivers::ga467 {

struct Ga467Connection {
    enum class Bus : std::uint8_t { Serial, Usb } bus = Bus::Serial;
    SerialSettings serial;
    UsbReaderId usb;
};
// The connection, or what is wrong with the string.
std::expected<Ga467Connection, std::string> parse_ga467_connection(std::string_view text);

class Ga467ResidentIdReader final : public ResidentIdReader {
  public:
    // A reader on `connection`; the device itself need not be there yet. Fails only for a bad string.
    static std::expected<std::unique_ptr<Ga467ResidentIdReader>, DeviceFault> create(
        std::string_view connection, Ga467Timeouts timeouts = {});
    Ga467ResidentIdReader(std::unique_ptr<Ga467Transport> transport, Ga467Timeouts timeouts);

    // Asks the SAM (11 FF). While a read is in progress on another thread, answers "ready, reading" without
    // touching the line.
    DeviceStatus status() override;
    std::expected<std::optional<ResidentIdCard>, DeviceFault> read_card(
        std::chrono::milliseconds wait) override;
    // Opens the line, asks the SAM (11 FF) and whether a card is in the field (20 01); never selects or reads
    // the card. A card on the reader is reported, not a failure. Busy while a read is in progress.
    SelfTestResult self_test() override;

    // Also return the card's fingerprint templates (command 30 10 instead of 30 01).
    void set_read_fingerprints(bool read) { read_fingerprints_ = read; }

  private:
    std::expected<void, DeviceFault> ensure_open();
    void note(const DeviceFault& fault);

    std::mutex mutex_;  // one conversation on the line at a time
    std::unique_ptr<Ga467Transport> transport_;
    Ga467Session session_;
    bool needs_open_ = true;
    std::atomic<bool> read_fingerprints_{false};
};

}  // namespace hk::drivers::ga467
