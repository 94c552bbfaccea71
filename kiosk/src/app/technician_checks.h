// The device checks a technician runs from kioskctl or service mode: self-tests, a test print on each
// printer, a test scan that reports the page's quality, and an NFC field test that waits for a card. Each
// runs on the device's own worker and is waited for here (bounded by the context's device timeout).
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ops/control/control_protocol.h"
#include "ops/selftest/selftest_store.h"

namespace hk::kiosk {

struct ControlContext;

nlohmann::json device_status_json(drivers::DeviceKind kind, const drivers::DeviceStatus& status,
                                  bool declared_ready);
nlohmann::json self_test_json(const ops::SelfTestRecord& record);

// Runs the device's self-test on its worker, stores the result and logs it. Error: the worker did not finish.
std::expected<ops::SelfTestRecord, std::string> run_self_test_on_worker(ControlContext& context,
                                                                        drivers::DeviceKind kind);

// Prints a PDF of the technician's (test page, readiness report) on the A4 printer's worker. The outer error:
// the worker did not finish in time; the inner fault: the printer refused or failed.
std::expected<std::optional<drivers::DeviceFault>, std::string> print_on_a4(ControlContext& context,
                                                                            std::string job_name,
                                                                            std::vector<std::uint8_t> pdf);

ops::ControlReply test_print(ControlContext& context,
                             const nlohmann::json& args);  // {"printer": a4|receipt|both}
ops::ControlReply test_scan(ControlContext& context);
ops::ControlReply nfc_field_test(ControlContext& context, const nlohmann::json& args);  // {"seconds": 1..60}

}  // namespace hk::kiosk
