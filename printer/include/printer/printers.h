// The two printers: the A4 certificate printer (CUPS in production) and the thermal receipt printer (ESC/POS).
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "drivers/device.h"
#include "printer/receipt.h"

namespace hk::printer {

struct PrintJob {
    std::string name;                 // job name, no personal data (e.g. "certificate C2026-000123")
    std::span<const std::uint8_t> pdf;
    int pages = 1;
};

class A4Printer : public drivers::Device {
public:
    [[nodiscard]] drivers::DeviceKind kind() const override { return drivers::DeviceKind::A4Printer; }
    // Returns once the printer has accepted (simulation: printed) the job.
    virtual std::expected<void, drivers::DeviceFault> print(const PrintJob& job) = 0;
    // Whether a job of this name was completed, as far as the printer's own job history tells (nullopt: it cannot
    // tell). After a crash between handing a job over and recording that, this decides between reprinting and not.
    virtual std::optional<bool> has_printed(std::string_view job_name) {
        (void)job_name;
        return std::nullopt;
    }
};

class ReceiptPrinter : public drivers::Device {
public:
    [[nodiscard]] drivers::DeviceKind kind() const override { return drivers::DeviceKind::ReceiptPrinter; }
    virtual std::expected<void, drivers::DeviceFault> print(const Receipt& receipt) = 0;
};

}  // namespace hk::printer
