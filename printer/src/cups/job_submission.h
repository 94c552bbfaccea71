// Handing a PDF to the queue with libcups' destination API: find the destination, create the job with the
// kiosk's fixed options (A4, one-sided, copies), send the document, and cancel a job that must not print.
#pragma once

#include <expected>

#include "cups_handles.h"
#include "drivers/device.h"
#include "printer/cups/cups_a4_printer.h"
#include "printer/printers.h"

namespace hk::printer::cups::detail {

struct Destination {
    DestPtr dest;
    DestInfoPtr info;
};

// Unplugged when the scheduler does not know the queue (a misconfigured kiosk looks to the technician like a
// printer that is not there, and is fixed in the same place: the CUPS set-up).
std::expected<Destination, drivers::DeviceFault> find_destination(http_t* http, const CupsOptions& options);

// The job's id once the whole document is with the scheduler. A job created but not fully sent is cancelled.
std::expected<int, drivers::DeviceFault> submit(http_t* http, const Destination& destination,
                                                const CupsOptions& options, const PrintJob& job);

// True when the scheduler took the cancellation (or the job had already ended).
bool cancel(http_t* http, const Destination& destination, int job_id);

}  // namespace hk::printer::cups::detail
