// The GA 467 commands the kiosk sends, what each answer's data holds, and what each SW3 means at each step
// of a read, as a DeviceFault a technician can act on.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "drivers/device.h"
#include "drivers/ga467/frame.h"

namespace hk::drivers::ga467 {

struct CommandCode {
    std::uint8_t command;
    std::uint8_t parameter;
    friend bool operator==(const CommandCode&, const CommandCode&) = default;
};
inline constexpr CommandCode kFindCard{0x20, 0x01};
inline constexpr CommandCode kSelectCard{0x20, 0x02};
inline constexpr CommandCode kReadTextAndPhoto{0x30, 0x01};
inline constexpr CommandCode kReadWithFingerprint{0x30, 0x10};
inline constexpr CommandCode kReadNewestAddress{0x30, 0x03};
inline constexpr CommandCode kResetSam{0x10, 0xFF};
inline constexpr CommandCode kSamStatus{0x11, 0xFF};

Request make_request(CommandCode code);

// The step a command serves; the same SW3 means different things at different steps.
enum class Step : std::uint8_t { FindCard, SelectCard, ReadCard, ReadNewestAddress, SamStatus, ResetSam };
const char* describe(Step step);

// What an answer's SW3 means at a step.
struct StatusMeaning {
    enum class Outcome : std::uint8_t { Success, NoCard, Fault } outcome;
    FaultKind fault = FaultKind::IoError;  // when outcome is Fault
    std::string detail;                    // when outcome is Fault: step and status, never card data
};
StatusMeaning interpret_status(Step step, std::uint8_t sw3);

// The data of a 30 01 answer: text length (2 bytes, big-endian, 256), photo length (1024), text, photo; a
// 30 10 answer has a fingerprint length after the photo length and the fingerprints after the photo.
struct CardRecord {
    std::vector<std::uint8_t> text;
    std::vector<std::uint8_t> photo_wlt;
    std::optional<std::vector<std::uint8_t>> fingerprints;  // absent when the card holds none (length 0)

    void wipe() noexcept;
};
// The record, or why the lengths do not add up (a fixed text; no card data).
std::expected<CardRecord, const char*> decode_card_record(std::span<const std::uint8_t> data,
                                                          bool with_fingerprints);
// The data part of such an answer (for the simulator); `fingerprint_layout` gives the 30 10 layout, whose
// fingerprint block may be empty.
std::vector<std::uint8_t> encode_card_record(std::span<const std::uint8_t> text,
                                             std::span<const std::uint8_t> photo, bool fingerprint_layout,
                                             std::span<const std::uint8_t> fingerprints);

}  // namespace hk::drivers::ga467
