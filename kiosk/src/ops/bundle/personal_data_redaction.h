// A last line of defence for what leaves the kiosk in a support bundle: personal data should never have been
// written anywhere, but if some slipped into a log, it is blanked here before the bundle is made.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace hk::ops {

// Replaces with "[redacted]":
// - 18-character resident ID numbers (17 digits + a digit or X) whose ISO 7064 MOD 11-2 check character is
//   right, standing alone (no digit just before, no digit or X just after); other 18-digit numbers stay;
// - MRZ-like runs: 30, 36 or 44 characters of [A-Z0-9<] (or 2 or 3 such lines run together) holding at least
//   one '<' filler, bounded by other characters;
// - every occurrence of each of `secrets` (case-sensitive; empty ones ignored, the longest wins where they
//   overlap), after the two above so a secret name cannot break up an MRZ line before it is seen whole.
// Returns how many pieces were replaced.
std::size_t redact_personal_data(std::string& text, const std::vector<std::string>& secrets);

}  // namespace hk::ops
