// Deterministic mutations of valid answers for the fuzz GoogleTest: what a broken or hostile server, or a cut
// connection, does to JSON (flipped bits, lost or repeated ranges, truncation, tokens of the wrong type).
#pragma once

#include <random>
#include <string>

namespace hk::kiosk::central::fuzz {

// One to four mutations of `answer`, chosen by `random`.
std::string mutate_answer(std::string answer, std::mt19937& random);

}  // namespace hk::kiosk::central::fuzz
