// The simulated A4 and receipt printers: a paper supply that runs out, the faults a test or the demo injects,
// and files in the output folder in place of paper.
#include "printer/sim/simulated_printers.h"

#include <algorithm>
#include <cmath>
#include <thread>
#include <utility>

#include "output_file.h"
#include "receipt_raster.h"

namespace hk::printer::sim {

namespace {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;

// Waits out the injected delay, then reports an injected fault (unplugged first) if there is one.
std::optional<DeviceFault> injected_fault(drivers::sim::FaultInjector& faults, DeviceKind device) {
    std::this_thread::sleep_for(faults.delay());
    const std::optional<FaultKind> fault = faults.take_fault();
    if (!fault) return std::nullopt;
    return DeviceFault{
        device, *fault,
        *fault == FaultKind::Unplugged ? "simulated printer unplugged" : "simulated fault injected"};
}

int percent(int left, int capacity) {
    return capacity > 0 ? std::clamp(left * 100 / capacity, 0, 100) : 0;
}

drivers::DeviceStatus supply_status(bool unplugged, int left, int capacity) {
    drivers::DeviceStatus status;
    if (unplugged) {
        status.fault = FaultKind::Unplugged;
        status.detail = "simulated printer unplugged";
        return status;
    }
    status.ready = left > 0;
    status.media_level_percent = percent(left, capacity);
    if (left <= 0) {
        status.fault = FaultKind::PaperOut;
        status.detail = "out of paper";
    }
    return status;
}

// A printer's self-test from its injected faults and paper supply: what a real one's status query would find.
drivers::SelfTestResult supply_self_test(drivers::sim::FaultInjector& faults, DeviceKind device, int left,
                                         int capacity, std::string_view unit) {
    std::vector<std::pair<std::string, std::string>> checks{{"printer", "simulated"}};
    if (auto fault = injected_fault(faults, device))
        return drivers::failed_self_test(*fault, std::move(checks));
    checks.emplace_back("paper_" + std::string{unit}, std::to_string(left));
    checks.emplace_back("paper_percent", std::to_string(percent(left, capacity)));
    if (left <= 0)
        return drivers::failed_self_test(DeviceFault{device, FaultKind::PaperOut, "out of paper"},
                                         std::move(checks));
    return drivers::SelfTestResult{
        true, std::nullopt,
        "simulated printer ready, " + std::to_string(left) + " " + std::string{unit} + " of paper",
        std::move(checks)};
}

// Thermal paper used by a receipt: its image length at the head's resolution, rounded up to whole
// millimetres.
int paper_mm_for(int height_dots) {
    return static_cast<int>(std::ceil(height_dots * 25.4 / ::hk::printer::detail::kReceiptDotsPerInch));
}

}  // namespace

SimulatedA4Printer::SimulatedA4Printer(std::filesystem::path output_dir, int sheets)
    : output_dir_(std::move(output_dir)), capacity_(std::max(sheets, 0)), sheets_(capacity_) {}

void SimulatedA4Printer::load_paper(int sheets) {
    const std::lock_guard lock(mutex_);
    // The tray now holds `sheets`; a bigger load than the first one means a bigger tray.
    sheets_ = std::max(sheets, 0);
    capacity_ = std::max(capacity_, sheets_);
}

int SimulatedA4Printer::sheets_left() const {
    const std::lock_guard lock(mutex_);
    return sheets_;
}

int SimulatedA4Printer::jobs_printed() const {
    const std::lock_guard lock(mutex_);
    return jobs_;
}

drivers::DeviceStatus SimulatedA4Printer::status() {
    const std::lock_guard lock(mutex_);
    return supply_status(faults_.unplugged(), sheets_, capacity_);
}

drivers::SelfTestResult SimulatedA4Printer::self_test() {
    int left = 0;
    {
        const std::lock_guard lock(mutex_);
        left = sheets_;
    }
    return supply_self_test(faults_, kind(), left, capacity_, "sheets");
}

std::expected<void, drivers::DeviceFault> SimulatedA4Printer::print(const PrintJob& job) {
    if (auto fault = injected_fault(faults_, kind())) return std::unexpected(std::move(*fault));

    const std::lock_guard lock(mutex_);
    if (job.pages < 1)
        return std::unexpected(DeviceFault{kind(), FaultKind::IoError, "print job has no pages"});
    if (sheets_ < job.pages) {
        return std::unexpected(DeviceFault{
            kind(), FaultKind::PaperOut,
            "job needs " + std::to_string(job.pages) + " sheets, " + std::to_string(sheets_) + " left"});
    }
    if (!output_dir_.empty() &&
        !write_output_file(output_dir_, first_free_name(output_dir_, safe_file_stem(job.name), ".pdf"),
                           job.pdf)) {
        return std::unexpected(
            DeviceFault{kind(), FaultKind::IoError, "cannot write the job to the output folder"});
    }
    sheets_ -= job.pages;
    ++jobs_;
    return {};
}

// receipt-1.png, receipt-2.png, ...: numbering goes on from what earlier runs left, so nothing is
// overwritten.
static std::string next_receipt_name(const std::filesystem::path& directory) {
    int number = 1;
    while (std::filesystem::exists(directory / ("receipt-" + std::to_string(number) + ".png"))) ++number;
    return "receipt-" + std::to_string(number) + ".png";
}

std::optional<bool> SimulatedA4Printer::has_printed(std::string_view job_name) {
    if (output_dir_.empty()) return std::nullopt;
    return std::filesystem::exists(output_dir_ / (safe_file_stem(job_name) + ".pdf"));
}

SimulatedReceiptPrinter::SimulatedReceiptPrinter(std::filesystem::path output_dir, int paper_mm)
    : output_dir_(std::move(output_dir)), capacity_mm_(std::max(paper_mm, 0)), paper_mm_(capacity_mm_) {}

int SimulatedReceiptPrinter::paper_left_mm() const {
    const std::lock_guard lock(mutex_);
    return paper_mm_;
}

int SimulatedReceiptPrinter::receipts_printed() const {
    const std::lock_guard lock(mutex_);
    return receipts_;
}

drivers::DeviceStatus SimulatedReceiptPrinter::status() {
    const std::lock_guard lock(mutex_);
    return supply_status(faults_.unplugged(), paper_mm_, capacity_mm_);
}

drivers::SelfTestResult SimulatedReceiptPrinter::self_test() {
    int left = 0;
    {
        const std::lock_guard lock(mutex_);
        left = paper_mm_;
    }
    return supply_self_test(faults_, kind(), left, capacity_mm_, "mm");
}

std::expected<void, drivers::DeviceFault> SimulatedReceiptPrinter::print(const Receipt& receipt) {
    if (auto fault = injected_fault(faults_, kind())) return std::unexpected(std::move(*fault));

    // Rendered before taking the lock: it is the slow part, and it tells how much paper the receipt needs.
    auto rendered = ::hk::printer::detail::render_receipt(receipt);
    if (!rendered) {
        // The renderer's messages name sizes and cairo states, never the receipt's text.
        return std::unexpected(
            DeviceFault{kind(), FaultKind::IoError, "cannot render receipt: " + rendered.error()});
    }
    const int needed_mm = paper_mm_for(rendered->height_dots);

    const std::lock_guard lock(mutex_);
    if (paper_mm_ < needed_mm) {
        return std::unexpected(DeviceFault{kind(), FaultKind::PaperOut,
                                           "receipt needs " + std::to_string(needed_mm) + " mm of paper, " +
                                               std::to_string(paper_mm_) + " mm left"});
    }
    const int number = receipts_ + 1;
    if (!output_dir_.empty() &&
        !write_output_file(output_dir_, next_receipt_name(output_dir_), rendered->png)) {
        return std::unexpected(
            DeviceFault{kind(), FaultKind::IoError, "cannot write the receipt to the output folder"});
    }
    paper_mm_ -= needed_mm;
    receipts_ = number;
    return {};
}

}  // namespace hk::printer::sim
