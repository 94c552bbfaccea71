// The printers the config asks for: the real CUPS and ESC/POS backends, or none (the simulated ones stand
// in).
#pragma once

#include <expected>
#include <memory>
#include <string>

#include "config.h"
#include "printer/printers.h"

namespace hk::kiosk {

struct PrinterBackends {
    std::unique_ptr<printer::A4Printer> a4;            // null: the simulation's printer
    std::unique_ptr<printer::ReceiptPrinter> receipt;  // null: the simulation's printer
};

// Fails only on a configuration that cannot work (an unknown receipt printer profile, libusb not starting); a
// printer that is switched off is not an error here: it shows as a device fault once the kiosk runs.
std::expected<PrinterBackends, std::string> open_printer_backends(const KioskConfig& config);

}  // namespace hk::kiosk
