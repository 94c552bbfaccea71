#include "drivers/ga467/sam_status.h"

namespace hk::drivers::ga467 {

std::optional<SamStatus> sam_status_from_byte(std::uint8_t sw3) {
    for (const SamStatus status : kAllSamStatuses) {
        if (static_cast<std::uint8_t>(status) == sw3) return status;
    }
    return std::nullopt;
}

const char* describe(SamStatus status) {
    switch (status) {
        case SamStatus::Ok:
            return "0x90 ok";
        case SamStatus::CardFound:
            return "0x9F card found";
        case SamStatus::FindFailed:
            return "0x80 find card failed (no card)";
        case SamStatus::SelectFailed:
            return "0x81 select card failed";
        case SamStatus::ReadFailed:
            return "0x41 read card failed";
        case SamStatus::ChecksumError:
            return "0x10 reader received a request with a wrong checksum";
        case SamStatus::LengthError:
            return "0x11 reader received a request with a wrong length";
        case SamStatus::BadCommand:
            return "0x21 reader does not know the command";
        case SamStatus::AuthenticationFailed:
            return "0x31 card and SAM failed to authenticate each other";
        case SamStatus::CardAuthenticationFailed:
            return "0x32 SAM failed to authenticate the card";
        case SamStatus::VerifyError:
            return "0x33 card data failed verification";
        case SamStatus::WrongCard:
            return "0x40 not a resident identity card";
        case SamStatus::SelfTestFailed:
            return "0x60 SAM self-test failed";
    }
    return "unknown SAM status";
}

}  // namespace hk::drivers::ga467
