#include "run_self_test.h"

#include <string>
#include <utility>

namespace hk::ops {

SelfTestRecord run_self_test(drivers::Device& device, std::chrono::system_clock::time_point now) {
    // A steady clock for the duration: the wall clock may be set while the test runs.
    const auto started = std::chrono::steady_clock::now();
    drivers::SelfTestResult result = device.self_test();
    const auto took =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    result.checks.emplace_back("duration_ms", std::to_string(took.count()));

    SelfTestRecord record{device.kind(), now, std::move(result), {}};
    if (record.result.passed) {
        record.result.fault.reset();
    } else {
        if (!record.result.fault) record.result.fault = drivers::FaultKind::IoError;
        record.fault_code = drivers::fault_code(record.device, *record.result.fault);
    }
    return record;
}

}  // namespace hk::ops
