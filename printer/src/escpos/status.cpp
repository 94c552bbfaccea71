// Bit meanings from the Epson ESC/POS reference (DLE EOT, GS a, GS r). Pairs of bits that the reference
// says are set together (paper near end, paper end) are read as set when either is: a printer that sets only
// one of them still means it.
#include "printer/escpos/status.h"

#include "commands.h"

namespace hk::printer::escpos {

namespace {

constexpr bool bit(std::uint8_t byte, int n) {
    return ((byte >> n) & 1U) != 0;
}

constexpr std::uint8_t kRealtimeMask = 0x93;  // bits 0, 1, 4, 7 are fixed in every DLE EOT reply
constexpr std::uint8_t kRealtimeFixed = 0x12;
constexpr std::uint8_t kAsbFirstFixed = 0x10;  // same fixed bits, bit 1 clear
constexpr std::uint8_t kAsbRestMask = 0x90;    // bits 4 and 7 clear in ASB bytes 2..4 and in GS r replies

bool is_asb_block(std::span<const std::uint8_t> block) {
    return (block[0] & kRealtimeMask) == kAsbFirstFixed && (block[1] & kAsbRestMask) == 0 &&
           (block[2] & kAsbRestMask) == 0 && (block[3] & kAsbRestMask) == 0;
}

}  // namespace

std::array<std::uint8_t, 3> status_request_bytes(StatusRequest request) noexcept {
    return {command::kDle, command::kEot, static_cast<std::uint8_t>(request)};
}

bool is_realtime_status_byte(std::uint8_t byte) noexcept {
    return (byte & kRealtimeMask) == kRealtimeFixed;
}

std::optional<std::uint8_t> find_realtime_status_byte(std::span<const std::uint8_t> bytes) noexcept {
    for (std::size_t i = bytes.size(); i > 0; --i) {
        if (is_realtime_status_byte(bytes[i - 1])) return bytes[i - 1];
    }
    return std::nullopt;
}

void apply_realtime_status(StatusRequest request, std::uint8_t byte, PrinterCondition& condition) noexcept {
    switch (request) {
        case StatusRequest::Printer:
            condition.offline = condition.offline || bit(byte, 3);
            break;
        case StatusRequest::OfflineCause:
            condition.cover_open = condition.cover_open || bit(byte, 2);
            condition.feeding_by_button = condition.feeding_by_button || bit(byte, 3);
            condition.paper_out = condition.paper_out || bit(byte, 5);  // printing stopped at paper end
            break;
        case StatusRequest::ErrorCause:
            condition.recoverable_error = condition.recoverable_error || bit(byte, 2);
            condition.cutter_error = condition.cutter_error || bit(byte, 3);
            condition.unrecoverable_error = condition.unrecoverable_error || bit(byte, 5);
            condition.auto_recoverable_error = condition.auto_recoverable_error || bit(byte, 6);
            break;
        case StatusRequest::PaperSensor:
            condition.paper_near_end = condition.paper_near_end || bit(byte, 2) || bit(byte, 3);
            condition.paper_out = condition.paper_out || bit(byte, 5) || bit(byte, 6);
            break;
    }
}

std::optional<PrinterCondition> parse_automatic_status(std::span<const std::uint8_t> bytes) noexcept {
    if (bytes.size() < 4) return std::nullopt;
    for (std::size_t start = bytes.size() - 4 + 1; start > 0; --start) {
        const std::span<const std::uint8_t> block = bytes.subspan(start - 1, 4);
        if (!is_asb_block(block)) continue;
        PrinterCondition condition;
        condition.offline = bit(block[0], 3);
        condition.cover_open = bit(block[0], 5);
        condition.feeding_by_button = bit(block[0], 6);
        condition.recoverable_error = bit(block[1], 2);
        condition.cutter_error = bit(block[1], 3);
        condition.unrecoverable_error = bit(block[1], 5);
        condition.auto_recoverable_error = bit(block[1], 6);
        condition.paper_near_end = bit(block[2], 0) || bit(block[2], 1);
        condition.paper_out = bit(block[2], 2) || bit(block[2], 3);
        return condition;
    }
    return std::nullopt;
}

std::optional<std::uint8_t> find_paper_sensor_reply(std::span<const std::uint8_t> bytes) noexcept {
    for (std::size_t i = bytes.size(); i > 0; --i) {
        if ((bytes[i - 1] & kAsbRestMask) == 0) return bytes[i - 1];
    }
    return std::nullopt;
}

void apply_paper_sensor_reply(std::uint8_t byte, PrinterCondition& condition) noexcept {
    condition.paper_near_end = condition.paper_near_end || bit(byte, 0) || bit(byte, 1);
    condition.paper_out = condition.paper_out || bit(byte, 2) || bit(byte, 3);
}

std::optional<drivers::FaultKind> fault_of(const PrinterCondition& condition) noexcept {
    using drivers::FaultKind;
    // The cover first: an open cover also reads as "no paper" on many sensors, and closing it is the fix.
    if (condition.cover_open) return FaultKind::CoverOpen;
    if (condition.paper_out) return FaultKind::PaperOut;
    // A cutter that cannot finish its stroke has paper caught in it.
    if (condition.cutter_error) return FaultKind::PaperJam;
    if (condition.unrecoverable_error || condition.recoverable_error || condition.auto_recoverable_error ||
        condition.offline) {
        return FaultKind::IoError;
    }
    return std::nullopt;
}

std::string describe(const PrinterCondition& condition) {
    std::string text;
    auto add = [&text](bool set, const char* what) {
        if (!set) return;
        if (!text.empty()) text += ", ";
        text += what;
    };
    add(condition.offline, "offline");
    add(condition.cover_open, "cover open");
    add(condition.paper_out, "paper out");
    add(condition.paper_near_end, "paper near end");
    add(condition.feeding_by_button, "feeding by button");
    add(condition.cutter_error, "autocutter error");
    add(condition.unrecoverable_error, "unrecoverable error");
    add(condition.recoverable_error, "mechanical error");
    add(condition.auto_recoverable_error, "head overheated");
    return text.empty() ? "ready" : text;
}

}  // namespace hk::printer::escpos
