#include "answer_mutator.h"

#include <array>
#include <string_view>

namespace hk::kiosk::central::fuzz {

namespace {

// Tokens that change a value's type or push a reader's limits.
constexpr std::array<std::string_view, 16> kTokens{
    "null",       "true",        "1e999", "-0",          "18446744073709551616",
    "2147483648", "-2147483649", "1.5",   "\"\\ud800\"", "\"\\u0000\"",
    "[]",         "{}",          "\"\"",  "[[[[[[[[",    "\"2026-13-40\"",
    "\"ES256\""};
constexpr std::string_view kBytes = "\"{}[],:0-\\ e.\xff\xc3\x00";

std::size_t pick(std::mt19937& random, std::size_t below) {
    return below == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, below - 1)(random);
}

void mutate_once(std::string& answer, std::mt19937& random) {
    const std::size_t at = pick(random, answer.size() + 1);
    switch (pick(random, 6)) {
        case 0:  // flip a bit
            if (at < answer.size()) answer[at] = static_cast<char>(answer[at] ^ (1 << pick(random, 8)));
            break;
        case 1:  // a byte JSON cares about
            if (at < answer.size()) answer[at] = kBytes[pick(random, kBytes.size())];
            break;
        case 2:  // lose a range
            answer.erase(at, 1 + pick(random, 16));
            break;
        case 3:  // repeat a range
            answer.insert(at, answer.substr(at, 1 + pick(random, 32)));
            break;
        case 4:  // the connection was cut
            answer.resize(at);
            break;
        default:  // a token where a value may have been
            answer.insert(at, kTokens[pick(random, kTokens.size())]);
            break;
    }
}

}  // namespace

std::string mutate_answer(std::string answer, std::mt19937& random) {
    const std::size_t count = 1 + pick(random, 4);
    for (std::size_t i = 0; i < count; ++i) mutate_once(answer, random);
    return answer;
}

}  // namespace hk::kiosk::central::fuzz
