// What a technician can do from the service screen: the same functions as kioskctl, by the control command's
// name (kiosk/src/app/control_commands.h), so the screen and the CLI cannot drift apart.
#pragma once

#include <array>
#include <string_view>

namespace hk::kiosk {

struct ServiceFunction {
    std::string_view id;       // the control command, e.g. "selftest"; maintenance on/off are two functions
    std::string_view text_id;  // its button label, "service.fn.<id>"
};

inline constexpr std::array<ServiceFunction, 13> kServiceFunctions{{
    {"status", "service.fn.status"},
    {"devices", "service.fn.devices"},
    {"selftest", "service.fn.selftest"},
    {"test-print", "service.fn.test-print"},
    {"test-scan", "service.fn.test-scan"},
    {"nfc-field-test", "service.fn.nfc-field-test"},
    {"counters", "service.fn.counters"},
    {"logs", "service.fn.logs"},
    {"readiness-report", "service.fn.readiness-report"},
    {"audit-verify", "service.fn.audit-verify"},
    {"support-bundle", "service.fn.support-bundle"},
    {"maintenance-on", "service.fn.maintenance-on"},
    {"maintenance-off", "service.fn.maintenance-off"},
}};

}  // namespace hk::kiosk
