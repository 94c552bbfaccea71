// The BER-TLV fuzz entry over seeds from real LDS and secure-messaging shapes plus 20,000 deterministic
// mutations of them (bit flips, cut and repeated ranges), in every `make test`.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "answer_mutator.h"
#include "ber_tlv_entry.h"
#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::iso7816::fuzz {
namespace {

std::vector<Bytes> seeds() {
    std::vector<Bytes> out;
    for (const char* hex : {"60145F0104303130375F36063034303030305C026175",
                            "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED", "7F66080202FFFF0202FFFF",
                            "30800000", "5F1F03414243", "6E81020101", ""}) {
        out.push_back(from_hex(hex).value());
    }
    out.push_back(encode_tlv(0x75, encode_tlv(0x7F61, encode_tlv(0x02, Bytes{0x01}))));
    out.push_back(encode_tlv(0x77, Bytes(300, 0x30)));
    return out;
}

TEST(BerTlvFuzz, SeedsKeepEveryPromise) {
    for (const Bytes& seed : seeds()) check_ber_tlv_input(seed.data(), seed.size());
    EXPECT_TRUE(parse_tlv(seeds()[0]).has_value());
}

TEST(BerTlvFuzz, TwentyThousandMutationsKeepEveryPromise) {
    std::mt19937 random(4672);
    const std::vector<Bytes> all = seeds();
    int parsed = 0;
    for (int i = 0; i < 20'000; ++i) {
        const Bytes& seed = all[static_cast<std::size_t>(i) % all.size()];
        const std::string mutated =
            kiosk::central::fuzz::mutate_answer(std::string(seed.begin(), seed.end()), random);
        const Bytes input(mutated.begin(), mutated.end());
        check_ber_tlv_input(input.data(), input.size());
        if (parse_tlv(input)) ++parsed;
    }
    // Some mutations must still parse, or the test only exercised the error paths.
    EXPECT_GT(parsed, 1000);
}

}  // namespace
}  // namespace hk::drivers::iso7816::fuzz
