#include "drivers/device.h"

#include <array>
#include <cstdio>
#include <utility>

namespace hk::drivers {
namespace {

struct DeviceNames {
    DeviceKind kind;
    std::string_view name;
    std::string_view code_prefix;  // three letters a technician reads off the screen or the log
};

// One table for the name and the code prefix, so a new device kind cannot get one without the other.
constexpr std::array<DeviceNames, 6> kDeviceNames{{
    {DeviceKind::ResidentIdReader, "resident_id_reader", "IDR"},
    {DeviceKind::ChipReader, "chip_reader", "CHP"},
    {DeviceKind::DocumentScanner, "document_scanner", "SCN"},
    {DeviceKind::Camera, "camera", "CAM"},
    {DeviceKind::A4Printer, "a4_printer", "A4P"},
    {DeviceKind::ReceiptPrinter, "receipt_printer", "RCP"},
}};

const DeviceNames* find(DeviceKind kind) {
    for (const auto& entry : kDeviceNames) {
        if (entry.kind == kind) return &entry;
    }
    return nullptr;
}

}  // namespace

std::string_view to_string(DeviceKind kind) {
    const DeviceNames* entry = find(kind);
    return entry != nullptr ? entry->name : "unknown_device";
}

std::optional<DeviceKind> device_kind_from_string(std::string_view name) {
    for (const auto& entry : kDeviceNames) {
        if (entry.name == name) return entry.kind;
    }
    return std::nullopt;
}

std::string_view to_string(FaultKind kind) {
    switch (kind) {
        case FaultKind::Unplugged:
            return "unplugged";
        case FaultKind::Timeout:
            return "timeout";
        case FaultKind::CardRemoved:
            return "card_removed";
        case FaultKind::Unreadable:
            return "unreadable";
        case FaultKind::AccessDenied:
            return "access_denied";
        case FaultKind::PaperOut:
            return "paper_out";
        case FaultKind::PaperJam:
            return "paper_jam";
        case FaultKind::CoverOpen:
            return "cover_open";
        case FaultKind::NoDocument:
            return "no_document";
        case FaultKind::Busy:
            return "busy";
        case FaultKind::IoError:
            return "io_error";
    }
    return "unknown_fault";
}

std::string fault_code(DeviceKind device, FaultKind kind) {
    const DeviceNames* entry = find(device);
    std::string code{entry != nullptr ? entry->code_prefix : "UNK"};
    // The number is the enum's value: the header promises it never changes, so printed codes stay valid.
    std::array<char, 8> number{};
    std::snprintf(number.data(), number.size(), "-%02u", static_cast<unsigned>(std::to_underlying(kind)));
    code += number.data();
    return code;
}

}  // namespace hk::drivers
