#include "drivers/transports/pn532_frame.h"

#include <gtest/gtest.h>

#include "drivers/iso7816/bytes.h"

namespace hk::drivers::transports::pn532 {
namespace {

Bytes hex(std::string_view text) {
    return *iso7816::from_hex(text);
}

TEST(Pn532Frame, EncodesANormalFrameWithChecksums) {
    // GetFirmwareVersion answer from UM0701: D5 03 32 01 06 07.
    const auto frame = encode_frame(hex("D503 32010607"));
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(iso7816::to_hex(*frame), "0000FF06FAD50332010607E800");
}

TEST(Pn532Frame, EncodesAnExtendedFrameOver255Bytes) {
    Bytes payload(kExtendedMaxPayload, 0x01);  // 265 = 0x0109: D5 41 status and 262 data bytes
    payload[0] = kPn532ToHost;
    const auto frame = encode_frame(payload);
    ASSERT_TRUE(frame.has_value());
    ASSERT_EQ(frame->size(), 3 + 2 + 2 + 1 + kExtendedMaxPayload + 2);
    EXPECT_EQ(iso7816::to_hex(Bytes(frame->begin(), frame->begin() + 8)), "0000FFFFFF0109F6");
    FrameScanner scanner;
    scanner.feed(*frame);
    const auto decoded = scanner.next();
    ASSERT_TRUE(decoded.has_value());
    ASSERT_TRUE(std::holds_alternative<InformationFrame>(*decoded));
    EXPECT_EQ(std::get<InformationFrame>(*decoded).payload, payload);
}

TEST(Pn532Frame, RefusesEmptyAndOversizedPayloads) {
    EXPECT_FALSE(encode_frame({}).has_value());
    EXPECT_FALSE(encode_frame(Bytes(kExtendedMaxPayload + 1, 0xD5)).has_value());
    EXPECT_TRUE(encode_frame(Bytes(kExtendedMaxPayload, 0xD5)).has_value());
}

TEST(Pn532Frame, FixedFramesAreAsTheManualWritesThem) {
    EXPECT_EQ(iso7816::to_hex(ack_frame()), "0000FF00FF00");
    EXPECT_EQ(iso7816::to_hex(error_frame()), "0000FF01FF7F8100");
}

TEST(Pn532FrameScanner, SkipsTheWakeUpPrefixAndSplitsGluedFrames) {
    FrameScanner scanner;
    // libnfc's wake-up after power-down, glued to SAMConfiguration; then an ACK from the host.
    Bytes stream = hex("5555000000000000000000000000000000");
    const auto sam = *encode_frame(hex("D4140114"));
    stream.insert(stream.end(), sam.begin(), sam.end());
    const auto ack = ack_frame();
    stream.insert(stream.end(), ack.begin(), ack.end());
    scanner.feed(stream);
    auto first = scanner.next();
    ASSERT_TRUE(first.has_value());
    ASSERT_TRUE(std::holds_alternative<InformationFrame>(*first));
    EXPECT_EQ(std::get<InformationFrame>(*first).payload, hex("D4140114"));
    auto second = scanner.next();
    ASSERT_TRUE(second.has_value());
    EXPECT_TRUE(std::holds_alternative<AckFrame>(*second));
    EXPECT_FALSE(scanner.next().has_value());
}

TEST(Pn532FrameScanner, WaitsForTheRestOfAFrameFedByteByByte) {
    FrameScanner scanner;
    const auto frame = *encode_frame(hex("D44A0100"));
    // Complete with its data checksum; the postamble that follows is noise before the next start code.
    for (std::size_t i = 0; i + 2 < frame.size(); ++i) {
        scanner.feed(Bytes{frame[i]});
        EXPECT_FALSE(scanner.next().has_value()) << "complete after " << i + 1 << " bytes";
    }
    scanner.feed(Bytes{frame[frame.size() - 2], frame.back()});
    const auto decoded = scanner.next();
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(std::get<InformationFrame>(*decoded).payload, hex("D44A0100"));
}

TEST(Pn532FrameScanner, DropsAFrameWithABadChecksumAndKeepsTheNext) {
    FrameScanner scanner;
    auto bad = *encode_frame(hex("D402"));
    bad[bad.size() - 2] ^= 0x01;  // DCS
    const auto good = *encode_frame(hex("D40C0102"));
    scanner.feed(bad);
    scanner.feed(good);
    const auto decoded = scanner.next();
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(std::get<InformationFrame>(*decoded).payload, hex("D40C0102"));
    EXPECT_EQ(scanner.dropped(), 1U);
}

TEST(Pn532FrameScanner, DropsAFrameWithABadLengthChecksum) {
    FrameScanner scanner;
    scanner.feed(hex("0000FF03FCD4020000"));  // LEN 03 + LCS FC != 0 mod 256
    EXPECT_FALSE(scanner.next().has_value());
    EXPECT_EQ(scanner.dropped(), 1U);
}

TEST(Pn532FrameScanner, RecognisesNackAndTheErrorFrame) {
    FrameScanner scanner;
    scanner.feed(hex("0000FFFF0000"));
    scanner.feed(error_frame());
    const auto nack = scanner.next();
    ASSERT_TRUE(nack.has_value());
    EXPECT_TRUE(std::holds_alternative<NackFrame>(*nack));
    const auto error = scanner.next();
    ASSERT_TRUE(error.has_value());
    EXPECT_TRUE(std::holds_alternative<ErrorFrame>(*error));
}

}  // namespace
}  // namespace hk::drivers::transports::pn532
