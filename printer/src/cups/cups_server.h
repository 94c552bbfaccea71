// Reaching the scheduler named in CupsOptions: one connection per operation, with bounded waits.
#pragma once

#include <expected>
#include <string>

#include "cups_handles.h"
#include "drivers/device.h"
#include "printer/cups/cups_a4_printer.h"

namespace hk::printer::cups::detail {

struct Connection {
    HttpPtr http;
    std::string printer_uri;  // ipp://HOST:PORT/printers/QUEUE, for IPP requests about the queue
};

// Unplugged when the scheduler does not answer: for the kiosk an unreachable print server is a printer it
// cannot use, and the technician's first check is the same (is it running, is it reachable).
std::expected<Connection, drivers::DeviceFault> connect(const CupsOptions& options);

// "localhost:631" or "/run/cups/cups.sock": for details, so a technician sees which server was asked.
std::string describe_server(const CupsOptions& options);

inline drivers::DeviceFault a4_fault(drivers::FaultKind kind, std::string detail) {
    return drivers::DeviceFault{drivers::DeviceKind::A4Printer, kind, std::move(detail)};
}

}  // namespace hk::printer::cups::detail
