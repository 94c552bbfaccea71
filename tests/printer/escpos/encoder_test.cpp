// The bytes a receipt becomes: exact framing of the commands a printer acts on, GB18030 text checked against
// bytes known independently of iconv, and the raster fallbacks a profile asks for.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "escpos_test_bytes.h"
#include "printer/escpos/encoder.h"

namespace hk::printer::escpos {
namespace {

using testing::Bytes;
using testing::contains;
using testing::count_of;

PrinterProfile profile(const char* name) {
    return profile_by_name(name).value();
}

EncodedReceipt encode(const Receipt& receipt, const char* profile_name = "generic-80") {
    auto encoded = encode_receipt(receipt, profile(profile_name));
    if (!encoded) {
        ADD_FAILURE() << encoded.error();
        return {};
    }
    return std::move(*encoded);
}

TEST(EscPosEncoder, StartsWithInitialiseAndEndsWithCutThenPaperStatusRequest) {
    const Bytes bytes = encode(Receipt{.lines = {{"A2026-004711"}}}).bytes;
    ASSERT_GE(bytes.size(), 9U);
    EXPECT_EQ(Bytes(bytes.begin(), bytes.begin() + 2), (Bytes{0x1B, 0x40}));
    // GS V 66 0: feed to the cutter and cut leaving a hinge; GS r 1: answered once all of that is done.
    EXPECT_EQ(Bytes(bytes.end() - 7, bytes.end()), (Bytes{0x1D, 0x56, 0x42, 0x00, 0x1D, 0x72, 0x01}));
}

TEST(EscPosEncoder, FullCutProfileWithoutGsRHasNothingAfterTheCut) {
    PrinterProfile plain = profile("generic-80");
    plain.partial_cut = false;
    plain.answers_gs_r = false;
    const Bytes bytes = encode_receipt(Receipt{.lines = {{"x"}}}, plain).value().bytes;
    EXPECT_EQ(Bytes(bytes.end() - 4, bytes.end()), (Bytes{0x1D, 0x56, 0x41, 0x00}));
}

TEST(EscPosEncoder, ChineseTextIsGb18030InChineseMode) {
    const Bytes bytes = encode(Receipt{.lines = {{"户籍"}}}).bytes;
    // 户 = BB A7, 籍 = BC AE in GB 2312 (and so in GB18030), from the standard's code chart.
    const Bytes line = {0x1C, 0x26,        // FS &: Chinese character mode on
                        0x1B, 0x61, 0x00,  // ESC a 0: left
                        0x1B, 0x45, 0x00,  // ESC E 0: not bold
                        0x1D, 0x21, 0x00,  // GS ! 0: normal size
                        0xBB, 0xA7, 0xBC, 0xAE, 0x0A};
    EXPECT_TRUE(contains(bytes, line));
}

TEST(EscPosEncoder, AsciiOnlyReceiptNeverSwitchesChineseModeOn) {
    const Bytes bytes = encode(Receipt{.lines = {{"Tracking no. A2026-004711"}}}).bytes;
    EXPECT_FALSE(contains(bytes, {0x1C, 0x26}));
    EXPECT_TRUE(contains(bytes, testing::ascii("Tracking no. A2026-004711\n")));
}

TEST(EscPosEncoder, StylesAndAlignmentAreSpelledOutPerLine) {
    const Bytes bytes = encode(Receipt{.lines = {{"Title", ReceiptStyle::Large},
                                                 {"Bold", ReceiptStyle::Bold},
                                                 {"Right", ReceiptStyle::Normal, ReceiptAlignment::Right}}})
                            .bytes;
    EXPECT_TRUE(contains(bytes, {0x1B, 0x61, 0x01, 0x1B, 0x45, 0x01, 0x1D, 0x21, 0x11, 'T'}));
    EXPECT_TRUE(contains(bytes, {0x1B, 0x61, 0x00, 0x1B, 0x45, 0x01, 0x1D, 0x21, 0x00, 'B'}));
    EXPECT_TRUE(contains(bytes, {0x1B, 0x61, 0x02, 0x1B, 0x45, 0x00, 0x1D, 0x21, 0x00, 'R'}));
}

TEST(EscPosEncoder, ControlCharactersInTextCannotBecomeCommands) {
    // A name from the central service holding ESC @ (or GS V: a cut) must print, not act.
    const Bytes bytes = encode(Receipt{.lines = {{"A\x1b@B\x1dV"}}}).bytes;
    EXPECT_TRUE(contains(bytes, testing::ascii("A @B V\n")));
    EXPECT_EQ(count_of(bytes, {0x1B, 0x40}), 1) << "only the job's own ESC @";
}

TEST(EscPosEncoder, NativeQrIsModel2EccMStoredThenPrinted) {
    const Bytes bytes = encode(Receipt{.qr_text = "HELLO"}).bytes;
    const Bytes qr = {0x1B, 0x61, 0x01,                                      // centred
                      0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,  // fn 165: model 2
                      0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06,        // fn 167: 6 dots a module
                      0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,        // fn 169: level M
                      0x1D, 0x28, 0x6B, 0x08, 0x00, 0x31, 0x50, 0x30,        // fn 180: store 5 bytes
                      'H',  'E',  'L',  'L',  'O',  0x1D, 0x28, 0x6B, 0x03,
                      0x00, 0x31, 0x51, 0x30};  // fn 181: print
    EXPECT_TRUE(contains(bytes, qr));
    const EncodedReceipt encoded = encode(Receipt{.qr_text = "HELLO"});
    EXPECT_TRUE(encoded.report.qr_native);
    EXPECT_FALSE(encoded.report.qr_raster);
}

TEST(EscPosEncoder, QrBecomesARasterOnAPrinterWithoutGsParenK) {
    const EncodedReceipt encoded = encode(Receipt{.qr_text = "HELLO"}, "basic-80");
    EXPECT_FALSE(contains(encoded.bytes, {0x1D, 0x28, 0x6B}));
    EXPECT_TRUE(encoded.report.qr_raster);
    // GS v 0, 72 bytes (576 dots) a row; HELLO is a 21-module symbol, 29 with its quiet zone, 6 dots each.
    EXPECT_TRUE(contains(encoded.bytes, {0x1D, 0x76, 0x30, 0x00, 72, 0, 29 * 6, 0}));
}

TEST(EscPosEncoder, HangulLineIsARasterBecausePrinterFontsLackIt) {
    // 김 is 82 38 8B 31 in GB18030: a four-byte sequence, which printer fonts do not have glyphs for.
    const EncodedReceipt encoded = encode(Receipt{.lines = {{"김민준"}, {"户籍"}}});
    EXPECT_EQ(encoded.report.raster_lines, 1);
    EXPECT_EQ(encoded.report.text_lines, 1);
    EXPECT_FALSE(contains(encoded.bytes, {0x82, 0x38, 0x8B, 0x31}));
    EXPECT_TRUE(contains(encoded.bytes, {0x1D, 0x76, 0x30, 0x00, 72, 0}));
}

TEST(EscPosEncoder, FourByteGlyphProfileSendsHangulAsText) {
    PrinterProfile rich = profile("generic-80");
    rich.gb18030_four_byte_glyphs = true;
    const EncodedReceipt encoded = encode_receipt(Receipt{.lines = {{"김"}}}, rich).value();
    EXPECT_EQ(encoded.report.raster_lines, 0);
    EXPECT_TRUE(contains(encoded.bytes, {0x82, 0x38, 0x8B, 0x31, 0x0A}));
}

TEST(EscPosEncoder, PrinterWithoutChineseFontGetsChineseAsRasterAndChineseModeOff) {
    const EncodedReceipt encoded = encode(Receipt{.lines = {{"户籍"}, {"ASCII"}}}, "basic-80");
    EXPECT_EQ(encoded.report.raster_lines, 1);
    EXPECT_EQ(encoded.report.text_lines, 1);
    EXPECT_FALSE(contains(encoded.bytes, {0xBB, 0xA7}));
    EXPECT_TRUE(contains(encoded.bytes, {0x1B, 0x40, 0x1C, 0x2E})) << "FS . right after ESC @";
}

TEST(EscPosEncoder, NarrowPaperRasterIsNarrow) {
    const EncodedReceipt encoded = encode(Receipt{.lines = {{"김"}}}, "generic-58");
    EXPECT_TRUE(contains(encoded.bytes, {0x1D, 0x76, 0x30, 0x00, 48, 0}));  // 384 dots
}

TEST(EscPosEncoder, BarcodeIsCode128SetBWithHriBelow) {
    const Bytes bytes = encode(Receipt{.barcode = "A2026-004711"}).bytes;
    Bytes expected = {0x1D, 0x48, 0x02, 0x1D, 0x68, 80, 0x1D, 0x77, 0x02, 0x1D, 0x6B, 73, 14, '{', 'B'};
    const Bytes data = testing::ascii("A2026-004711");
    expected.insert(expected.end(), data.begin(), data.end());
    EXPECT_TRUE(contains(bytes, expected));
}

TEST(EscPosEncoder, LogoIsOneCentredRasterAboveTheLines) {
    ReceiptLogo logo{.width = 16, .height = 2, .dots = std::vector<std::uint8_t>(32, 1)};
    const Bytes bytes = encode(Receipt{.lines = {{"x"}}, .logo = logo}).bytes;
    // 576 dots: 72 bytes a row; the 16 inked dots are bytes 35 and 36 (dots 280..295) of each row.
    Bytes raster = {0x1D, 0x76, 0x30, 0x00, 72, 0, 2, 0};
    for (int row = 0; row < 2; ++row) {
        for (int b = 0; b < 72; ++b) raster.push_back(b == 35 || b == 36 ? 0xFF : 0x00);
    }
    EXPECT_TRUE(contains(bytes, raster));
    const Bytes line = {'x'};
    EXPECT_LT(std::search(bytes.begin(), bytes.end(), raster.begin(), raster.end()) - bytes.begin(),
              std::search(bytes.begin(), bytes.end(), line.begin(), line.end()) - bytes.begin());
}

TEST(EscPosEncoder, RefusesMalformedReceiptsWithoutThrowing) {
    EXPECT_FALSE(encode_receipt(Receipt{.logo = ReceiptLogo{.width = 4, .height = 4, .dots = {1}}},
                                profile("generic-80")));
    EXPECT_FALSE(encode_receipt(Receipt{.barcode = "tab\there"}, profile("generic-80")));
    EXPECT_FALSE(encode_receipt(Receipt{.qr_text = std::string(8000, 'x')}, profile("generic-80")));
    EXPECT_FALSE(encode_receipt(
        Receipt{.logo = ReceiptLogo{.width = 500, .height = 1, .dots = std::vector<std::uint8_t>(500, 0)}},
        profile("generic-58")));
}

TEST(EscPosEncoder, SameReceiptSameBytes) {
    const Receipt receipt{.lines = {{"户籍业务受理回执", ReceiptStyle::Large}, {"김민준"}},
                          .qr_text = "A2026"};
    EXPECT_EQ(encode(receipt).bytes, encode(receipt).bytes);
}

TEST(EscPosProfiles, KnownNamesAndDefaults) {
    EXPECT_THAT(profile_names(), ::testing::ElementsAre("generic-80", "generic-58", "basic-80"));
    EXPECT_EQ(profile("generic-80").paper_width_dots, 576);
    EXPECT_EQ(profile("generic-58").paper_width_dots, 384);
    EXPECT_FALSE(profile("basic-80").native_qr);
    EXPECT_FALSE(profile_by_name("epson-tm-t88"));
}

}  // namespace
}  // namespace hk::printer::escpos
