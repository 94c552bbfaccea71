// The status fuzz entry (tests/fuzz/escpos_status_fuzz.cpp) under GoogleTest, so every build, g++ included,
// runs it: hand-picked replies, then 50,000 deterministic random inputs of every length up to 16 bytes. The
// entry aborts on a broken promise; AddressSanitizer builds also catch any read outside the input.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

TEST(EscPosStatusFuzzReplay, SeedsKeepEveryPromise) {
    const std::vector<std::vector<std::uint8_t>> seeds = {
        {},
        {0x12},
        {0x1A},
        {0x7E},
        {0x10, 0x00, 0x00, 0x00},
        {0x38, 0x08, 0x0F, 0x00},
        {0x10, 0x00},
        {0xFF, 0xFF},
        {0x00, 0x00},
        {0x10, 0x00, 0x0F, 0x00, 0x1A, 0x0C},
    };
    for (const auto& seed : seeds) EXPECT_EQ(LLVMFuzzerTestOneInput(seed.data(), seed.size()), 0);
}

TEST(EscPosStatusFuzzReplay, FiftyThousandRandomInputsKeepEveryPromise) {
    std::mt19937 random(20260306);
    for (int i = 0; i < 50000; ++i) {
        // Exactly as long as they say: a heap buffer of that size, so a sanitizer sees any overrun.
        std::vector<std::uint8_t> input(static_cast<std::size_t>(i % 17));
        for (auto& byte : input) byte = static_cast<std::uint8_t>(random());
        ASSERT_EQ(LLVMFuzzerTestOneInput(input.data(), input.size()), 0);
    }
}

}  // namespace
