#include "drivers/iso7816/apdu.h"

#include <gtest/gtest.h>

namespace hk::drivers::iso7816 {
namespace {

Bytes hex(std::string_view text) {
    return from_hex(text).value();
}

TEST(Apdu, EncodesTheFourShortCases) {
    EXPECT_EQ(CommandApdu({.cla = 0x00, .ins = 0x84, .p1 = 0, .p2 = 0, .data = {}, .ne = {}}).encode(),
              hex("00840000"));
    EXPECT_EQ(CommandApdu({.cla = 0x00, .ins = 0x84, .p1 = 0, .p2 = 0, .data = {}, .ne = 8}).encode(),
              hex("0084000008"));
    EXPECT_EQ(
        CommandApdu({.cla = 0x00, .ins = 0xA4, .p1 = 2, .p2 = 0x0C, .data = hex("011E"), .ne = {}}).encode(),
        hex("00A4020C02011E"));
    EXPECT_EQ(
        CommandApdu({.cla = 0x00, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = hex("AA"), .ne = 256}).encode(),
        hex("00B0000001AA00"));
}

TEST(Apdu, SwitchesToExtendedLengthOnlyWhenNeeded) {
    const CommandApdu read{.cla = 0x00, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 257};
    EXPECT_TRUE(read.needs_extended_length());
    EXPECT_EQ(read.encode(), hex("00B00000000101"));
    const CommandApdu max{.cla = 0x00, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = kExtendedMaxNe};
    EXPECT_EQ(max.encode(), hex("00B00000000000"));
    const CommandApdu forced{.cla = 0x00, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 4};
    EXPECT_EQ(forced.encode(true), hex("00B00000000004"));
    CommandApdu long_data{.cla = 0x00, .ins = 0xDA, .p1 = 0, .p2 = 0, .data = Bytes(300, 0x11), .ne = 2};
    const Bytes encoded = long_data.encode().value();
    ASSERT_EQ(encoded.size(), 4u + 3u + 300u + 2u);
    EXPECT_EQ(encoded[4], 0x00);
    EXPECT_EQ(encoded[5], 0x01);
    EXPECT_EQ(encoded[6], 0x2C);
    EXPECT_EQ(encoded[307], 0x00);
    EXPECT_EQ(encoded[308], 0x02);
}

TEST(Apdu, RefusesLengthsNoFormCanCarry) {
    EXPECT_FALSE((CommandApdu{.cla = 0, .ins = 0, .p1 = 0, .p2 = 0, .data = {}, .ne = 65537}).encode());
    EXPECT_FALSE((CommandApdu{.cla = 0, .ins = 0, .p1 = 0, .p2 = 0, .data = {}, .ne = 0}).encode());
    EXPECT_FALSE(
        (CommandApdu{.cla = 0, .ins = 0, .p1 = 0, .p2 = 0, .data = Bytes(65536, 0), .ne = {}}).encode());
}

TEST(Apdu, DecodeIsTheInverseOfEncodeInEveryCase) {
    for (const std::size_t nc : {0u, 1u, 255u, 256u, 1000u}) {
        for (const std::optional<std::size_t> ne :
             {std::optional<std::size_t>{}, std::optional<std::size_t>{1}, std::optional<std::size_t>{256},
              std::optional<std::size_t>{257}, std::optional<std::size_t>{65536}}) {
            for (const bool force : {false, true}) {
                const CommandApdu command{
                    .cla = 0x0C, .ins = 0xB0, .p1 = 1, .p2 = 2, .data = Bytes(nc, 0x5A), .ne = ne};
                const auto decoded = decode_command(command.encode(force).value());
                ASSERT_TRUE(decoded) << nc;
                EXPECT_EQ(decoded->data, command.data);
                EXPECT_EQ(decoded->ne, command.ne);
                EXPECT_EQ(decoded->p2, 2);
            }
        }
    }
}

TEST(Apdu, DecodeRejectsInconsistentLengths) {
    EXPECT_EQ(decode_command(hex("00B000")).error(), ApduError::TooShort);
    EXPECT_EQ(decode_command(hex("00A4020C03011E")).error(), ApduError::LengthMismatch);
    EXPECT_EQ(decode_command(hex("00A4020C0001")).error(), ApduError::BadLengthField);
    EXPECT_EQ(decode_command(hex("00A4020C00000001")).error(), ApduError::BadLengthField);
    EXPECT_EQ(decode_command(hex("00A4020C000002011E0000FF")).error(), ApduError::LengthMismatch);
}

TEST(Apdu, SplitsResponsesAndNamesStatusWords) {
    const auto response = decode_response(hex("60145F019000"));
    ASSERT_TRUE(response);
    EXPECT_TRUE(response->ok());
    EXPECT_EQ(response->data, hex("60145F01"));
    EXPECT_EQ(response->encode(), hex("60145F019000"));
    EXPECT_FALSE(decode_response(hex("90")));
    EXPECT_EQ(describe_status(0x6A82), "6A82 file or application not found");
    EXPECT_EQ(describe_status(0x6C10), "6C10 wrong Le field, SW2 gives the right length");
    EXPECT_EQ(describe_status(0x1234), "1234 unknown status");
}

TEST(Hex, RoundTripsAndRejectsJunk) {
    EXPECT_EQ(to_hex(hex("0c a4 02 0C")), "0CA4020C");
    EXPECT_EQ(to_lower_hex(hex("0c a4 02 0C ff")), "0ca4020cff");
    EXPECT_EQ(to_lower_hex({}), "");
    EXPECT_FALSE(from_hex("ABC"));
    EXPECT_FALSE(from_hex("GG"));
}

}  // namespace
}  // namespace hk::drivers::iso7816
