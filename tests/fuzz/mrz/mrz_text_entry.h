// The fuzz entry for the MRZ parser (scanner/src/mrz.cpp): what OCR, a text file or `kioskctl mrz` hands it.
// Shared by the libFuzzer target (clang) and a GoogleTest (every compiler).
#pragma once

#include <string>
#include <string_view>

namespace hk::scanner::fuzz {

// Splits `text` into lines at '\n' and parses them. Returns the promise the parser broke, or "" when it kept
// all of them:
//  - it accepts only the shapes of TD1, TD2, TD3, MRV-A and MRV-B, and names the format of the shape;
//  - every check digit of an accepted MRZ holds when recomputed here, from the lines, by the standard's rule;
//  - the fields it returns are cut from the lines (dates of six digits, a sex of M, F, X or '<'; names of
//    letters and spaces; no filler left in any field);
//  - parsing is deterministic: the same lines give the same fields.
std::string check_mrz_text(std::string_view text);

}  // namespace hk::scanner::fuzz
