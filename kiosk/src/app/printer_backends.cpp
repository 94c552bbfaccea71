#include "printer_backends.h"

#include "ops/events/log_event.h"

namespace hk::kiosk {

std::expected<PrinterBackends, std::string> open_printer_backends(const KioskConfig& config) {
    PrinterBackends backends;
    if (config.a4_printer.backend == "cups") {
        const printer::cups::CupsOptions& cups = config.a4_printer.cups;
        backends.a4 = std::make_unique<printer::cups::CupsA4Printer>(cups);
        ops::log_event(ops::EventId::DeviceBackendOpened, "A4 printer: CUPS queue {} on {}", cups.queue,
                       cups.server.empty() ? "the default server" : cups.server);
    }
    if (config.receipt_printer.backend == "escpos") {
        const printer::escpos::EscPosOptions& escpos = config.receipt_printer.escpos;
        auto made = printer::escpos::make_escpos_receipt_printer(escpos);
        if (!made) return std::unexpected("receipt printer: " + made.error());
        backends.receipt = std::move(*made);
        ops::log_event(ops::EventId::DeviceBackendOpened, "receipt printer: ESC/POS over {} ({})",
                       escpos.transport, escpos.profile);
    }
    return backends;
}

}  // namespace hk::kiosk
