// The readiness report a technician prints from service mode: every device's state, fault code and last
// self-test, and the kiosk's counters, on as many A4 pages as it takes. English labels (technicians read it).
// It must never carry personal data: callers pass device facts and counts only.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace hk::printer {

struct ReadinessDevice {
    std::string device;      // "a4_printer", "nfc_reader" ...
    std::string state;       // "ready", "faulted" ...
    std::string fault_code;  // "A4P-06"; empty when none
    std::string self_test;   // "passed" / "FAILED" / "not run"
    std::string tested_at;   // when the self-test ran, as the kiosk shows times
    std::string summary;     // one line for the technician
    std::vector<std::pair<std::string, std::string>> checks;  // the self-test's checks and their results
};

struct ReadinessReport {
    std::string kiosk_id;
    std::string version;
    std::string generated_at;
    bool ready_for_service = false;
    std::vector<ReadinessDevice> devices;
    std::vector<std::pair<std::string, std::int64_t>> counters;
};

// An A4 PDF, in memory. Long device lists and counters flow onto further pages, each headed with the kiosk id
// and its page number.
std::expected<std::vector<std::uint8_t>, std::string> render_readiness_report_pdf(
    const ReadinessReport& report);

}  // namespace hk::printer
