// The real A4 certificate printer: a CUPS queue, driven through libcups' destination API and followed over
// IPP until the paper is out of the printer, so the kiosk tells the citizen the truth about their
// certificate.
#pragma once

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "drivers/device.h"
#include "printer/printers.h"

namespace hk::printer::cups {

struct CupsOptions {
    std::string queue = "kioskA4";
    // "host:port", a scheduler's socket path ("/run/cups/cups.sock"), or empty for the CUPS default
    // (CUPS_SERVER, client.conf, then the local scheduler).
    std::string server;
    // From print() being called to the job being completed; past it the job is cancelled and print() fails.
    std::chrono::milliseconds job_timeout{std::chrono::seconds(90)};
    // The longest wait between two looks at a running job; the first looks come sooner (20 ms, doubling).
    std::chrono::milliseconds poll_interval{std::chrono::milliseconds(250)};
    // Connecting to the scheduler, and waiting for any one answer from it.
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(3)};
    std::chrono::milliseconds request_timeout{std::chrono::seconds(10)};
    int copies = 1;
    std::string media = "iso_a4_210x297mm";  // PWG self-describing name; queues often default to letter
    std::string sides = "one-sided";
};

// Every call opens its own connection to the scheduler, so the printer object may be shared between threads
// (status() from the diagnostics thread while print() runs on the printer's worker) and survives a restart of
// cupsd. No exception leaves it: every failure is a DeviceFault{A4Printer, ...}.
class CupsA4Printer final : public A4Printer {
  public:
    explicit CupsA4Printer(CupsOptions options);

    [[nodiscard]] const CupsOptions& options() const { return options_; }

    // Get-Printer-Attributes only: no job, no paper.
    drivers::DeviceStatus status() override;
    // The queue exists and accepts jobs; printer-state and printer-state-reasons; toner (marker levels) and
    // paper when the printer reports them. Get-Printer-Attributes only: a self-test never prints on paper.
    drivers::SelfTestResult self_test() override;
    // Returns once the job is completed. On a fault (paper out, jam, cover open, printer stopped, timeout)
    // the job is cancelled: a certificate must never come out later, when the citizen is gone; the journal
    // reprints it.
    std::expected<void, drivers::DeviceFault> print(const PrintJob& job) override;
    // From the queue's completed-job history (Get-Jobs); nullopt when the scheduler cannot be asked.
    std::optional<bool> has_printed(std::string_view job_name) override;

  private:
    CupsOptions options_;
};

}  // namespace hk::printer::cups
