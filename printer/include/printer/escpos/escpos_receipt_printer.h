// The real thermal receipt printer: ESC/POS over TCP 9100, a character device or USB, with the printer's own
// status asked before and after every receipt, so an empty roll, an open cover or paper running out in the
// middle of a receipt is a fault a technician can read, never a silent success.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "printer/escpos/profile.h"
#include "printer/escpos/status.h"
#include "printer/escpos/transport.h"
#include "printer/printers.h"

namespace hk::printer::escpos {

struct EscPosTimeouts {
    Millis connect{2000};   // TCP connect, device open, USB claim
    Millis status{500};     // each DLE EOT answer; a printer that says nothing in this time is not there
    Millis write{5000};     // each chunk of the job
    Millis printed{15000};  // from the last byte sent to the GS r 1 answer: the time to print a long receipt
};

struct EscPosOptions {
    std::string transport = "tcp";              // "tcp", "device" or "usb"
    std::string host = "127.0.0.1";             // tcp
    std::uint16_t port = 9100;                  // tcp
    std::string device_path = "/dev/usb/lp0";   // device
    std::optional<std::uint16_t> usb_vendor{};  // usb; both empty: the first printer-class interface
    std::optional<std::uint16_t> usb_product{};
    std::string profile = "generic-80";  // see profile_by_name
    EscPosTimeouts timeouts{};
    std::size_t chunk_bytes = 1024;  // one write; small enough that a stalled printer is noticed per chunk
};

// Reads a connection string into `options` (the rest left as they are): "tcp:HOST[:PORT]",
// "device:/dev/usb/lp0", "usb" (first printer), "usb:VVVV:PPPP" (hex vendor and product).
std::expected<EscPosOptions, std::string> parse_escpos_connection(std::string_view connection,
                                                                  EscPosOptions options = {});

class Replies;

class EscPosReceiptPrinter final : public ReceiptPrinter {
  public:
    EscPosReceiptPrinter(std::unique_ptr<Transport> transport, PrinterProfile profile,
                         EscPosTimeouts timeouts, std::size_t chunk_bytes = 1024);
    ~EscPosReceiptPrinter() override;
    EscPosReceiptPrinter(const EscPosReceiptPrinter&) = delete;
    EscPosReceiptPrinter& operator=(const EscPosReceiptPrinter&) = delete;

    drivers::DeviceStatus status() override;
    // Real-time status DLE EOT 1-4: online, cover, paper near end and out, cutter and other errors. Sends no
    // job: a self-test never feeds paper.
    drivers::SelfTestResult self_test() override;
    std::expected<void, drivers::DeviceFault> print(const Receipt& receipt) override;

    // DLE EOT 1..4 as one condition: what status() and print() decide on.
    std::expected<PrinterCondition, drivers::DeviceFault> condition();

  private:
    std::expected<PrinterCondition, drivers::DeviceFault> ask_condition();
    std::expected<void, drivers::DeviceFault> send_job(const std::vector<std::uint8_t>& job);
    std::expected<void, drivers::DeviceFault> confirm_printed();
    std::expected<void, drivers::DeviceFault> connect();
    std::expected<bool, drivers::DeviceFault> receive(Millis timeout);
    std::expected<void, drivers::DeviceFault> drain();
    drivers::DeviceFault fault(drivers::FaultKind kind, std::string detail) const;
    drivers::DeviceFault lost(drivers::DeviceFault fault);

    std::unique_ptr<Transport> transport_;
    PrinterProfile profile_;
    EscPosTimeouts timeouts_;
    std::size_t chunk_bytes_;
    std::unique_ptr<Replies> replies_;
    std::mutex mutex_;  // status() from diagnostics and print() from the worker share one connection
};

// Fails when the options name an unknown transport or profile, or libusb cannot start.
std::expected<std::unique_ptr<ReceiptPrinter>, std::string> make_escpos_receipt_printer(
    const EscPosOptions& options);

}  // namespace hk::printer::escpos
