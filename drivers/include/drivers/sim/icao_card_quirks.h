// The ways real e-passport chips differ from the book, as switches of the ICAO card simulator. Each one is a
// complaint users of open readers (JMRTD, gmrtd) report; the reader must cope with all of them.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

namespace hk::drivers::sim {

struct IcaoCardQuirks {
    // Largest READ BINARY (plain Ne) the chip serves; asked for more it answers 6700 (or 6Cxx, below).
    std::size_t max_read = 65536;
    // Whether the chip takes extended-length APDUs at all (refused with 6700 when not).
    bool extended_length = true;
    // Answer a too-long read with 6Cxx (the right length in SW2, capped at 256) instead of 6700.
    bool hint_wrong_le = false;
    // A read that runs past the end gets the bytes that are there and 6282; false: 6B00 and no data.
    bool warn_past_end = true;
    // Secure-messaging answers without DO99 (the status then only comes unprotected).
    bool omit_do99 = false;
    // No BAC: GET CHALLENGE is refused; only PACE opens the chip (newer documents).
    bool pace_only = false;
    // No EF.CardAccess: BAC only (older documents).
    bool bac_only = false;
    // Reading the data needs access control (false only for file-system tests without keys).
    bool require_access_control = true;
    // Every answer waits this long (slow chips, weak fields).
    std::chrono::milliseconds answer_delay{0};
    // The card leaves the field after this many APDUs.
    std::optional<int> removed_after_apdus{};
    // The secure-messaging MAC of every answer is wrong (a broken or hostile chip).
    bool wrong_mac = false;
    // Active authentication signs with a key other than DG15's (a cloned chip).
    bool cloned_chip = false;
};

}  // namespace hk::drivers::sim
