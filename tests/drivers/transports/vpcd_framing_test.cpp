#include "drivers/transports/vpcd_framing.h"

#include <gtest/gtest.h>

namespace hk::drivers::transports::vpcd {
namespace {

Bytes hex(std::string_view text) {
    return *iso7816::from_hex(text);
}

TEST(VpcdFraming, PrefixesTheBigEndianLength) {
    EXPECT_EQ(iso7816::to_hex(*encode_message(hex("3B8480014A"))), "00053B8480014A");
    const auto big = encode_message(Bytes(0x0102, 0xAA));
    ASSERT_TRUE(big.has_value());
    EXPECT_EQ((*big)[0], 0x01);
    EXPECT_EQ((*big)[1], 0x02);
    EXPECT_EQ(big->size(), 0x0104U);
    EXPECT_FALSE(encode_message(Bytes(0x10000, 0)).has_value());
    EXPECT_TRUE(encode_message(Bytes(0xFFFF, 0)).has_value());
}

TEST(VpcdFraming, OneBytePayloadsAreControlsLongerOnesApdus) {
    MessageReader reader;
    reader.feed(hex("0001 01 0001 04 0005 00A4020C02"));
    auto power_on = reader.next();
    ASSERT_TRUE(power_on.has_value());
    ASSERT_TRUE(std::holds_alternative<ControlMessage>(*power_on));
    EXPECT_EQ(std::get<ControlMessage>(*power_on).code, static_cast<std::uint8_t>(Control::PowerOn));
    auto get_atr = reader.next();
    ASSERT_TRUE(get_atr.has_value());
    EXPECT_EQ(std::get<ControlMessage>(*get_atr).code, static_cast<std::uint8_t>(Control::GetAtr));
    auto apdu = reader.next();
    ASSERT_TRUE(apdu.has_value());
    ASSERT_TRUE(std::holds_alternative<ApduMessage>(*apdu));
    EXPECT_EQ(std::get<ApduMessage>(*apdu).command, hex("00A4020C02"));
    EXPECT_FALSE(reader.next().has_value());
}

TEST(VpcdFraming, WaitsForSplitMessagesAndSkipsEmptyOnes) {
    MessageReader reader;
    reader.feed(hex("0000 00"));
    EXPECT_FALSE(reader.next().has_value());
    reader.feed(hex("04 00B0"));
    EXPECT_FALSE(reader.next().has_value());
    reader.feed(hex("0000"));
    const auto apdu = reader.next();
    ASSERT_TRUE(apdu.has_value());
    EXPECT_EQ(std::get<ApduMessage>(*apdu).command, hex("00B00000"));
}

}  // namespace
}  // namespace hk::drivers::transports::vpcd
