// The fuzz entry for the proof-code reader (printer/include/printer/proof): what `kioskctl verify` does with
// the text of any QR code it meets. Shared by the libFuzzer target (clang) and a GoogleTest (every compiler).
#pragma once

#include <string>
#include <string_view>

namespace hk::printer::proof::fuzz {

// Returns what the reader did wrong with `bytes`, or "" when it kept its promises: no crash or exception; a
// decoded payload has version 1, non-empty claims and ISO dates; and a code is never VALID under the
// built-in test key, whose private half no input can know (the fuzzer cannot forge a signature).
std::string check_proof_payload(std::string_view bytes);

}  // namespace hk::printer::proof::fuzz
