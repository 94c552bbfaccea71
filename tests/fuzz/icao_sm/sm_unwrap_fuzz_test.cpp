// The secure-messaging fuzz entry under GoogleTest, so every build exercises it: seeds made by the two sides
// talking to each other, then 20,000 deterministic mutations of them (answer_mutator, shared with the other
// fuzz tests).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "answer_mutator.h"
#include "drivers/icao9303/secure_messaging.h"
#include "sm_unwrap_entry.h"

namespace hk::drivers::icao9303::fuzz {
namespace {

using iso7816::Bytes;

TEST(SmUnwrapFuzz, SeedsAreAcceptedByBothSides) {
    for (const Bytes& seed : sm_seeds()) {
        EXPECT_EQ(check_sm_input(seed), "") << iso7816::to_hex(seed);
        EXPECT_TRUE(sm_input_accepted(seed)) << iso7816::to_hex(seed);
    }
}

TEST(SmUnwrapFuzz, TwentyThousandMutationsKeepEveryPromise) {
    const std::vector<Bytes> seeds = sm_seeds();
    std::mt19937 random(20261123);
    int broken = 0;
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        const Bytes& seed = seeds[static_cast<std::size_t>(i) % seeds.size()];
        // Keep the mode byte most of the time, so the mutations land on the protected APDU.
        std::string payload(seed.begin() + 1, seed.end());
        payload = kiosk::central::fuzz::mutate_answer(payload, random);
        Bytes input{seed[0]};
        if (i % 10 == 0) input[0] = static_cast<std::uint8_t>(random());
        input.insert(input.end(), payload.begin(), payload.end());
        accepted += sm_input_accepted(input);
        const std::string problem = check_sm_input(input);
        if (!problem.empty() && ++broken <= 5) {
            ADD_FAILURE() << "mutation " << i << ": " << problem << "\n" << iso7816::to_hex(input);
        }
    }
    EXPECT_EQ(broken, 0);
    // Only mutations the MAC does not cover (the clear SW beside DO99, a bare status word) may pass; most
    // must be refused, so the mutations really reach the MAC check and the parser.
    EXPECT_GT(accepted, 0);
    EXPECT_LT(accepted, 20000 / 4);
}

TEST(SmUnwrapFuzz, EdgeInputs) {
    for (const char* text :
         {"", "00", "04", "009000", "0490", "000000", "04FFFFFFFF", "008E0800", "0087", "04 0C"}) {
        EXPECT_EQ(check_sm_input(*iso7816::from_hex(text)), "") << text;
    }
}

}  // namespace
}  // namespace hk::drivers::icao9303::fuzz
