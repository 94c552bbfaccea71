#include "printer/cups/cups_a4_printer.h"

#include <algorithm>
#include <thread>
#include <utility>

#include "cups_server.h"
#include "ipp_queries.h"
#include "job_submission.h"
#include "printer_state_reasons.h"

namespace hk::printer::cups {

namespace {

using detail::a4_fault;
using detail::JobState;
using drivers::DeviceFault;
using drivers::FaultKind;
using Clock = std::chrono::steady_clock;

// A failed IPP request about a queue the scheduler does not know is a missing printer (see find_destination);
// any other failure to get an answer means the server is not there for us.
DeviceFault query_fault(const detail::IppError& error, const CupsOptions& options, std::string_view what) {
    if (error.status == IPP_STATUS_ERROR_NOT_FOUND)
        return a4_fault(FaultKind::Unplugged, "CUPS server " + detail::describe_server(options) +
                                                  " has no queue '" + options.queue + "'");
    return a4_fault(FaultKind::Unplugged, "cannot ask CUPS server " + detail::describe_server(options) +
                                              " for " + std::string(what) + ": " + error.message);
}

std::string_view printer_state_name(detail::PrinterState state) {
    switch (state) {
        case detail::PrinterState::Idle:
            return "idle";
        case detail::PrinterState::Processing:
            return "processing";
        case detail::PrinterState::Stopped:
            return "stopped";
    }
    return "unknown";
}

// Follows one submitted job until it ends, and decides what to tell the kiosk.
class JobFollower {
  public:
    JobFollower(detail::Connection& connection, const detail::Destination& destination,
                const CupsOptions& options, int job_id, Clock::time_point deadline)
        : connection_(connection),
          destination_(destination),
          options_(options),
          job_id_(job_id),
          deadline_(deadline) {}

    std::expected<void, DeviceFault> run() {
        // A job the printer takes at once ends within tens of milliseconds at the scheduler, and the citizen
        // is waiting: ask again soon at first, then back off to the configured interval.
        Clock::duration wait =
            std::min<Clock::duration>(options_.poll_interval, std::chrono::milliseconds(20));
        for (;;) {
            auto job = detail::get_job(connection_.http.get(), connection_.printer_uri, job_id_);
            if (!job) {
                // The job may still print; nobody can say. The journal's has_printed() settles it later.
                return std::unexpected(query_fault(job.error(), options_, name() + " state"));
            }
            if (job->state == JobState::Completed) return {};
            auto printer = detail::get_printer(connection_.http.get(), connection_.printer_uri);
            if (!printer)
                return std::unexpected(query_fault(printer.error(), options_, "the printer's state"));

            if (job->state == JobState::Canceled || job->state == JobState::Aborted)
                return std::unexpected(ended_fault(*job, *printer));
            if (auto fault = blocking_fault(*job, *printer))
                return std::unexpected(cancelled(std::move(*fault)));
            if (Clock::now() >= deadline_) {
                return std::unexpected(cancelled(a4_fault(
                    FaultKind::Timeout,
                    name() + " not completed within " + std::to_string(options_.job_timeout.count()) +
                        " ms (" + job_text(*job) + "; printer " + detail::describe(*printer) + ")")));
            }
            std::this_thread::sleep_for(std::min(wait, deadline_ - Clock::now()));
            wait = std::min<Clock::duration>(wait * 2, options_.poll_interval);
        }
    }

  private:
    [[nodiscard]] std::string name() const { return "job " + std::to_string(job_id_); }

    static std::string job_text(const detail::JobSnapshot& job) {
        std::string text = "job " + std::string(detail::to_string(job.state));
        for (std::size_t i = 0; i < job.reasons.size(); ++i) text += (i == 0 ? " (" : ",") + job.reasons[i];
        if (!job.reasons.empty()) text += ")";
        if (!job.printer_message.empty()) text += " '" + job.printer_message + "'";
        return text;
    }

    // The job ended without printing: the printer's reasons say why when they can, else it is an I/O error.
    [[nodiscard]] DeviceFault ended_fault(const detail::JobSnapshot& job,
                                          const detail::PrinterSnapshot& printer) const {
        const char* how = job.state == JobState::Canceled ? " was cancelled" : " was aborted";
        const auto fault = detail::worst_fault(printer.reasons);
        return a4_fault(fault ? fault->kind : FaultKind::IoError,
                        name() + how + " (" + job_text(job) + "; printer " + detail::describe(printer) + ")");
    }

    // A fault that will keep the job from completing while nobody is at the printer. Only while the job is
    // processing are the queue's reasons about it: CUPS keeps the last job's reasons until the next one
    // starts, and those must not cancel a job the refilled printer would print. Reports ("-report") are
    // information, and "connecting-to-device" is part of every network job: those wait for the timeout. A
    // stopped queue or job will not move on its own at all.
    [[nodiscard]] std::optional<DeviceFault> blocking_fault(const detail::JobSnapshot& job,
                                                            const detail::PrinterSnapshot& printer) const {
        const bool stopped = printer.state == detail::PrinterState::Stopped || job.state == JobState::Stopped;
        if (stopped) {
            const auto fault = detail::worst_fault(printer.reasons);
            return a4_fault(
                fault ? fault->kind : FaultKind::IoError,
                name() + " cannot go on: queue stopped (printer " + detail::describe(printer) + ")");
        }
        if (job.state != JobState::Processing) return std::nullopt;
        const auto fault = detail::worst_fault(printer.reasons, detail::Severity::Warning);
        if (!fault || fault->kind == FaultKind::Unplugged) return std::nullopt;
        return a4_fault(fault->kind, name() + " stopped by the printer: " + fault->reason + " (printer " +
                                         detail::describe(printer) + ")");
    }

    // The job must not finish later on its own, when the citizen is gone and the certificate lies in the
    // tray: cancel it, and say whether that worked.
    DeviceFault cancelled(DeviceFault fault) {
        const bool done = detail::cancel(connection_.http.get(), destination_, job_id_);
        fault.detail +=
            done ? "; job cancelled" : "; cancelling the job failed: " + std::string(cupsLastErrorString());
        return fault;
    }

    detail::Connection& connection_;
    const detail::Destination& destination_;
    const CupsOptions& options_;
    int job_id_;
    Clock::time_point deadline_;
};

}  // namespace

CupsA4Printer::CupsA4Printer(CupsOptions options) : options_(std::move(options)) {}

drivers::DeviceStatus CupsA4Printer::status() {
    auto connection = detail::connect(options_);
    if (!connection) return drivers::faulted_status(connection.error());
    auto printer = detail::get_printer(connection->http.get(), connection->printer_uri);
    if (!printer) {
        const DeviceFault fault = query_fault(printer.error(), options_, "the printer's state");
        return drivers::faulted_status(fault);
    }
    return detail::to_device_status(*printer, options_.queue);
}

drivers::SelfTestResult CupsA4Printer::self_test() {
    std::vector<std::pair<std::string, std::string>> checks{{"queue", options_.queue}};
    auto connection = detail::connect(options_);
    if (!connection) {
        checks.emplace_back("server", "not answering");
        return drivers::failed_self_test(connection.error(), std::move(checks));
    }
    checks.emplace_back("server", "answering");
    auto printer = detail::get_printer(connection->http.get(), connection->printer_uri);
    if (!printer) {
        checks.emplace_back("queue_exists",
                            printer.error().status == IPP_STATUS_ERROR_NOT_FOUND ? "no" : "unknown");
        return drivers::failed_self_test(query_fault(printer.error(), options_, "the printer's state"),
                                         std::move(checks));
    }
    checks.emplace_back("queue_exists", "yes");
    checks.emplace_back("accepting_jobs", printer->accepting_jobs ? "yes" : "no");
    checks.emplace_back("printer_state", std::string{printer_state_name(printer->state)});
    std::string reasons;
    for (const auto& reason : printer->reasons) reasons += (reasons.empty() ? "" : ",") + reason;
    checks.emplace_back("printer_state_reasons", reasons.empty() ? "none" : reasons);
    // Levels the printer does not know (negative in IPP) are left out rather than shown as a number.
    for (const auto& marker : printer->markers) {
        if (marker.level >= 0)
            checks.emplace_back("marker_percent:" + marker.name, std::to_string(marker.level));
    }
    const drivers::DeviceStatus now = detail::to_device_status(*printer, options_.queue);
    if (now.media_level_percent)
        checks.emplace_back("paper_percent", std::to_string(*now.media_level_percent));
    if (!now.ready) {
        return drivers::failed_self_test(a4_fault(now.fault.value_or(FaultKind::IoError), now.detail),
                                         std::move(checks));
    }
    return drivers::SelfTestResult{true, std::nullopt, now.detail, std::move(checks)};
}

std::expected<void, DeviceFault> CupsA4Printer::print(const PrintJob& job) {
    const Clock::time_point deadline = Clock::now() + options_.job_timeout;
    if (job.pdf.empty() || job.pages < 1)
        return std::unexpected(a4_fault(FaultKind::IoError, "print job '" + job.name + "' has no pages"));

    auto connection = detail::connect(options_);
    if (!connection) return std::unexpected(connection.error());
    auto destination = detail::find_destination(connection->http.get(), options_);
    if (!destination) return std::unexpected(destination.error());
    auto job_id = detail::submit(connection->http.get(), *destination, options_, job);
    if (!job_id) return std::unexpected(job_id.error());
    return JobFollower(*connection, *destination, options_, *job_id, deadline).run();
}

std::optional<bool> CupsA4Printer::has_printed(std::string_view job_name) {
    auto connection = detail::connect(options_);
    if (!connection) return std::nullopt;
    auto names = detail::completed_job_names(connection->http.get(), connection->printer_uri);
    if (!names) return std::nullopt;
    return std::ranges::find(*names, job_name) != names->end();
}

}  // namespace hk::printer::cups
