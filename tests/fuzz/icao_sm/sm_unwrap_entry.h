// The fuzz entry for secure messaging (drivers/include/drivers/icao9303/secure_messaging.h): what a hostile
// chip can send the kiosk (protected responses) and what a hostile terminal can send the chip simulator
// (protected commands). Shared by the libFuzzer target (clang) and a GoogleTest (every compiler).
//
// Input: one mode byte, then the payload. Mode bits 0-1 pick the cipher suite (3DES, AES-128/192/256) under
// fixed test keys; bit 2 set feeds the payload to the chip side's unwrap_command, clear feeds it as the
// response to a protected READ BINARY on the terminal side.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303::fuzz {

// "" when both sides kept their promises: no crash or exception; the terminal either returns data || SW (a
// bare status word exactly as received) or Malformed, after which it refuses to send anything; the chip
// either returns a command that encodes again or 6987 / 6988 and leaves the session.
std::string check_sm_input(iso7816::ByteView input);
// Whether the side `input` addresses accepted it (a response or a command came out): seeds must be accepted.
bool sm_input_accepted(iso7816::ByteView input);

// Valid inputs for every suite and both sides, made by the two sides talking to each other: responses with
// and without DO99, bare status words, commands with DO87, DO85, DO97 in short and extended form.
std::vector<iso7816::Bytes> sm_seeds();

}  // namespace hk::drivers::icao9303::fuzz
