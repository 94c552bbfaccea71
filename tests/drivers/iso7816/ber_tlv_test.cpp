#include "drivers/iso7816/ber_tlv.h"

#include <gtest/gtest.h>

namespace hk::drivers::iso7816 {
namespace {

Bytes hex(std::string_view text) {
    return from_hex(text).value();
}

TEST(BerTlv, ParsesOneAndTwoByteTagsAndLongLengths) {
    const Bytes com = hex("60145F0104303130375F36063034303030305C026175");
    const auto outer = parse_tlv(com);
    ASSERT_TRUE(outer);
    EXPECT_EQ(outer->tag, 0x60u);
    EXPECT_TRUE(outer->constructed());
    EXPECT_EQ(outer->whole.size(), com.size());
    const auto version = find_child(outer->value, 0x5F01);
    ASSERT_TRUE(version);
    EXPECT_EQ(Bytes(version->value.begin(), version->value.end()), hex("30313037"));
    EXPECT_FALSE(version->constructed());
    const auto list = find_child(outer->value, 0x5C);
    ASSERT_TRUE(list);
    EXPECT_EQ(list->value.size(), 2u);
    EXPECT_FALSE(find_child(outer->value, 0x5F1F));

    Bytes long_value(300, 0xAB);
    const Bytes encoded = encode_tlv(0x7F61, long_value);
    EXPECT_EQ(Bytes(encoded.begin(), encoded.begin() + 5), hex("7F6182012C"));
    const auto parsed = parse_tlv(encoded);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->tag, 0x7F61u);
    EXPECT_EQ(parsed->value.size(), 300u);
}

TEST(BerTlv, RejectsEveryTruncationWithoutReadingPastTheEnd) {
    const Bytes good = encode_tlv(0x5F1F, Bytes(200, 0x41));
    for (std::size_t cut = 0; cut < good.size(); ++cut) {
        // A copy of exactly `cut` bytes: AddressSanitizer catches any read past it.
        const Bytes prefix(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(cut));
        EXPECT_EQ(parse_tlv(prefix).error(), TlvError::Truncated) << cut;
    }
    EXPECT_TRUE(parse_tlv(good));
}

TEST(BerTlv, RejectsIndefiniteAndOversizedLengthsAndOverlongTags) {
    EXPECT_EQ(parse_tlv(hex("30800000")).error(), TlvError::BadLength);
    EXPECT_EQ(parse_tlv(hex("0485FFFFFFFFFF")).error(), TlvError::BadLength);
    EXPECT_EQ(parse_tlv(hex("5F80010100")).error(), TlvError::BadTag);
    EXPECT_EQ(parse_tlv(hex("1F8181818101")).error(), TlvError::BadTag);
    EXPECT_EQ(parse_tlv(hex("0484FFFFFFFF00")).error(), TlvError::Truncated);
}

TEST(BerTlv, SequencesMustBeUsedExactly) {
    const auto two = parse_tlv_sequence(hex("8001AA8102BBCC"));
    ASSERT_TRUE(two);
    ASSERT_EQ(two->size(), 2u);
    EXPECT_EQ((*two)[1].tag, 0x81u);
    EXPECT_FALSE(parse_tlv_sequence(hex("8001AA81")));
}

TEST(BerTlv, TellsTheTotalLengthFromTheHeaderAlone) {
    EXPECT_EQ(tlv_total_length(hex("7582")).value(), std::nullopt);
    EXPECT_EQ(tlv_total_length(hex("758201")).value(), std::nullopt);
    EXPECT_EQ(tlv_total_length(hex("75820100")).value(), std::optional<std::size_t>{4 + 256});
    EXPECT_EQ(tlv_total_length(hex("6114")).value(), std::optional<std::size_t>{22});
    EXPECT_FALSE(tlv_total_length(hex("6180")));
}

}  // namespace
}  // namespace hk::drivers::iso7816
