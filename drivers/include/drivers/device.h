// The common shape of every kiosk device: what it is, how it fails, and how healthy it is now.
// Device interfaces (card readers here, the scanner in scanner/, printers in printer/) derive from Device;
// each has a real backend and a simulated one, chosen at start-up, so the rest of the kiosk never knows
// which.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hk::drivers {

enum class DeviceKind : std::uint8_t {
    ResidentIdReader,
    ChipReader,
    DocumentScanner,
    Camera,
    A4Printer,
    ReceiptPrinter,
};
inline constexpr DeviceKind kAllDeviceKinds[] = {DeviceKind::ResidentIdReader, DeviceKind::ChipReader,
                                                 DeviceKind::DocumentScanner,  DeviceKind::Camera,
                                                 DeviceKind::A4Printer,        DeviceKind::ReceiptPrinter};

// Stable machine name ("resident_id_reader"), used in config, scripts, logs and fault codes.
std::string_view to_string(DeviceKind kind);
std::optional<DeviceKind> device_kind_from_string(std::string_view name);

// Why a device operation failed. The numeric values are part of the technician fault codes: never renumber.
enum class FaultKind : std::uint8_t {
    Unplugged = 1,     // device gone from the bus, or never found
    Timeout = 2,       // device did not answer in time
    CardRemoved = 3,   // card or document taken away in the middle of a read
    Unreadable = 4,    // the device answered with data that does not parse
    AccessDenied = 5,  // the chip refused the access key (wrong MRZ, or not the document that was scanned)
    PaperOut = 6,      // no paper (A4 tray or thermal roll)
    PaperJam = 7,      // paper jammed in the printer or the scanner feeder
    CoverOpen = 8,     // printer or scanner cover open
    NoDocument = 9,    // nothing on the scanner glass or in the feeder
    Busy = 10,         // device held by another process
    IoError = 11,      // any other transport error
};

std::string_view to_string(FaultKind kind);

struct DeviceFault {
    DeviceKind device;
    FaultKind kind;
    std::string detail;  // for technicians and logs; never holds personal data
};

// The code a technician looks up in docs/faults.md, e.g. "IDR-03" (resident ID reader, card removed).
std::string fault_code(DeviceKind device, FaultKind kind);
inline std::string fault_code(const DeviceFault& fault) {
    return fault_code(fault.device, fault.kind);
}

// A device's health as seen by a cheap status query (no paper moved, no card read).
struct DeviceStatus {
    bool ready = false;                      // can take work now
    std::optional<FaultKind> fault;          // why not, when not ready
    std::optional<int> media_level_percent;  // paper left, where the device can tell
    std::string detail;                      // free text for technicians
};

// The status of a device that cannot take work because of `fault`.
inline DeviceStatus faulted_status(const DeviceFault& fault) {
    return DeviceStatus{false, fault.kind, std::nullopt, fault.detail};
}

// What a device's self-test found. A self-test goes further than status(): it exercises the device the way a
// technician would (reader field and card presence, a calibration scan, paper and toner levels), but never
// prints on paper or reads a citizen's card. Run from kioskctl, service mode, and the readiness report.
struct SelfTestResult {
    bool passed = false;
    std::optional<FaultKind> fault;  // why it failed, when it failed
    std::string summary;             // one line for technicians; never personal data
    // What was checked and what was seen, in order: {"reader", "found"}, {"paper_percent", "80"}, ...
    std::vector<std::pair<std::string, std::string>> checks;
};

// The result of a self-test that failed with `fault`, after the checks already made.
inline SelfTestResult failed_self_test(const DeviceFault& fault,
                                       std::vector<std::pair<std::string, std::string>> checks) {
    return SelfTestResult{false, fault.kind, fault.detail, std::move(checks)};
}

class Device {
  public:
    virtual ~Device() = default;
    [[nodiscard]] virtual DeviceKind kind() const = 0;
    virtual DeviceStatus status() = 0;
    // Every backend has its own (pure, so a new backend cannot forget one): see docs/faults.md, "Self-tests".
    virtual SelfTestResult self_test() = 0;
};

}  // namespace hk::drivers
