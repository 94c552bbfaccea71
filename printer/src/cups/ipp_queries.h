// The IPP operations the printer needs beyond libcups' destination API: asking about the queue and one job,
// the queue's completed-job history, and cancelling.
#pragma once

#include <cups/cups.h>

#include <expected>
#include <string>
#include <vector>

#include "printer_state_reasons.h"

namespace hk::printer::cups::detail {

struct IppError {
    ipp_status_t status;
    std::string message;  // libcups' text for it
};

struct JobSnapshot {
    JobState state = JobState::Pending;
    std::vector<std::string> reasons;  // job-state-reasons
    std::string printer_message;       // job-printer-state-message, where CUPS keeps the backend's last words
};

// Get-Printer-Attributes (state, reasons, message, accepting, markers).
std::expected<PrinterSnapshot, IppError> get_printer(http_t* http, const std::string& printer_uri);
// Get-Job-Attributes for one job of the queue.
std::expected<JobSnapshot, IppError> get_job(http_t* http, const std::string& printer_uri, int job_id);
// Get-Jobs which-jobs=completed, my-jobs=false: the names of the jobs whose state is completed (CUPS'
// "completed" list also holds canceled and aborted jobs; those are left out).
std::expected<std::vector<std::string>, IppError> completed_job_names(http_t* http,
                                                                      const std::string& printer_uri);

}  // namespace hk::printer::cups::detail
