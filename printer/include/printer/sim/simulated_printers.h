// Simulated printers with a paper supply and fault injection. What they "print" lands as files in an output
// folder (the demo's out/demo/), so a person can look at the certificate and the receipt.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>

#include "drivers/sim/fault_injector.h"
#include "printer/printers.h"

namespace hk::printer::sim {

class SimulatedA4Printer final : public A4Printer {
  public:
    // `output_dir` empty: print into nothing (tests that only care about paper and faults).
    SimulatedA4Printer(std::filesystem::path output_dir, int sheets);
    drivers::sim::FaultInjector& faults() { return faults_; }
    void load_paper(int sheets);
    [[nodiscard]] int sheets_left() const;
    [[nodiscard]] int jobs_printed() const;

    drivers::DeviceStatus status() override;
    // Injected fault first, then the paper supply (PaperOut when empty); prints nothing.
    drivers::SelfTestResult self_test() override;
    std::expected<void, drivers::DeviceFault> print(const PrintJob& job) override;
    // The output folder is the simulated printer's job history: it outlives the kiosk process, as a real one
    // does.
    std::optional<bool> has_printed(std::string_view job_name) override;

  private:
    std::filesystem::path output_dir_;
    int capacity_;
    int sheets_;
    int jobs_ = 0;
    mutable std::mutex mutex_;
    drivers::sim::FaultInjector faults_;
};

class SimulatedReceiptPrinter final : public ReceiptPrinter {
  public:
    SimulatedReceiptPrinter(std::filesystem::path output_dir, int paper_mm);
    drivers::sim::FaultInjector& faults() { return faults_; }
    [[nodiscard]] int paper_left_mm() const;
    [[nodiscard]] int receipts_printed() const;

    drivers::DeviceStatus status() override;
    // Injected fault first, then the roll (PaperOut when empty); prints nothing.
    drivers::SelfTestResult self_test() override;
    std::expected<void, drivers::DeviceFault> print(const Receipt& receipt) override;

  private:
    std::filesystem::path output_dir_;
    int capacity_mm_;
    int paper_mm_;
    int receipts_ = 0;
    mutable std::mutex mutex_;
    drivers::sim::FaultInjector faults_;
};

}  // namespace hk::printer::sim
