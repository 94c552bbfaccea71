// The printer's own account of its state: replies to DLE EOT n (real-time status, one byte each) and
// automatic status back (ASB, GS a: four bytes sent unasked). Pure functions for bytes off the wire: they
// accept any input, never read outside it and never throw, so they are fuzzed
// (tests/fuzz/escpos_status_fuzz.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "drivers/device.h"

namespace hk::printer::escpos {

struct PrinterCondition {
    bool offline = false;
    bool cover_open = false;
    bool paper_out = false;
    bool paper_near_end = false;
    bool feeding_by_button = false;
    bool cutter_error = false;
    bool unrecoverable_error = false;
    bool recoverable_error = false;       // mechanical error that clears when the cause is removed
    bool auto_recoverable_error = false;  // e.g. print head too hot; clears by itself
    bool operator==(const PrinterCondition&) const = default;
};

// DLE EOT n: 1 printer, 2 offline cause, 3 error cause, 4 paper roll sensor.
enum class StatusRequest : std::uint8_t { Printer = 1, OfflineCause = 2, ErrorCause = 3, PaperSensor = 4 };
inline constexpr StatusRequest kAllStatusRequests[] = {StatusRequest::Printer, StatusRequest::OfflineCause,
                                                       StatusRequest::ErrorCause, StatusRequest::PaperSensor};

std::array<std::uint8_t, 3> status_request_bytes(StatusRequest request) noexcept;

// Every DLE EOT reply has the fixed bits 0xx1xx10b; an ASB block starts with 0xx1xx00b and its other bytes
// have bit 4 clear, so a reply can be told from ASB bytes that arrive around it.
bool is_realtime_status_byte(std::uint8_t byte) noexcept;
// The reply in `bytes`: the last byte that has the fixed bits (stale or foreign bytes before it are skipped).
std::optional<std::uint8_t> find_realtime_status_byte(std::span<const std::uint8_t> bytes) noexcept;
// Adds what reply `byte` to DLE EOT `request` says to `condition` (sets flags, never clears others).
void apply_realtime_status(StatusRequest request, std::uint8_t byte, PrinterCondition& condition) noexcept;

// The last well-formed four-byte ASB block in `bytes`, or nullopt when there is none.
std::optional<PrinterCondition> parse_automatic_status(std::span<const std::uint8_t> bytes) noexcept;

// The reply to GS r 1 (paper sensor, sent when the printer reaches it in the job): fixed bits 0xx0xxxxb.
std::optional<std::uint8_t> find_paper_sensor_reply(std::span<const std::uint8_t> bytes) noexcept;
void apply_paper_sensor_reply(std::uint8_t byte, PrinterCondition& condition) noexcept;

// The fault that keeps the printer from printing, most specific first; nullopt when it can print.
std::optional<drivers::FaultKind> fault_of(const PrinterCondition& condition) noexcept;
// "cover open, paper near end": for technicians.
std::string describe(const PrinterCondition& condition);

}  // namespace hk::printer::escpos
