// SW3 of a GA 467 answer: what the reader's SAM says about the last command (SW1 and SW2 are 00 00).
#pragma once

#include <cstdint>
#include <optional>

namespace hk::drivers::ga467 {

enum class SamStatus : std::uint8_t {
    Ok = 0x90,
    CardFound = 0x9F,
    FindFailed = 0x80,            // no card in the field
    SelectFailed = 0x81,          // the card did not answer selection (usually: it left the field)
    ReadFailed = 0x41,            // reading the card broke off
    ChecksumError = 0x10,         // the reader received our request with a wrong CHK
    LengthError = 0x11,           // the reader received our request with a wrong LEN
    BadCommand = 0x21,            // the reader does not know the command
    AuthenticationFailed = 0x31,  // card and SAM could not authenticate each other
    CardAuthenticationFailed = 0x32,
    VerifyError = 0x33,     // the card's data did not verify
    WrongCard = 0x40,       // a card in the field that is not a resident identity card
    SelfTestFailed = 0x60,  // the SAM itself is faulty
};

// The status for a raw SW3, or nothing for a value the protocol does not define.
std::optional<SamStatus> sam_status_from_byte(std::uint8_t sw3);
// One line for technicians, e.g. "0x80 find card failed (no card)".
const char* describe(SamStatus status);

inline constexpr SamStatus kAllSamStatuses[] = {SamStatus::Ok,
                                                SamStatus::CardFound,
                                                SamStatus::FindFailed,
                                                SamStatus::SelectFailed,
                                                SamStatus::ReadFailed,
                                                SamStatus::ChecksumError,
                                                SamStatus::LengthError,
                                                SamStatus::BadCommand,
                                                SamStatus::AuthenticationFailed,
                                                SamStatus::CardAuthenticationFailed,
                                                SamStatus::VerifyError,
                                                SamStatus::WrongCard,
                                                SamStatus::SelfTestFailed};

}  // namespace hk::drivers::ga467
