// The fuzz entry for the central service's answers: one input goes to every reader of the client (answer
// bodies, error bodies, statuses, Retry-After). Shared by the libFuzzer target (clang) and a GoogleTest that
// replays a corpus and deterministic mutations (every compiler).
#pragma once

#include <string>
#include <string_view>

namespace hk::kiosk::central::fuzz {

// Returns what a reader did wrong with `bytes`, or "" when every reader kept its promises: no exception, no
// crash, a value that satisfies the protocol's constraints or a BadAnswer with a short detail.
std::string check_central_answer(std::string_view bytes);

}  // namespace hk::kiosk::central::fuzz
