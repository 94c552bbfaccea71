// The certificate PDF: one A4 page, real text a verifier can extract, the Noto CJK fonts embedded, the QR
// code exactly the one libqrencode makes of the proof payload, and errors (never crashes) for what cannot be
// printed.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "printer/certificate_document.h"
#include "printer_test_support.h"

namespace hk::printer {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::TempFolder;

std::vector<std::uint8_t> render_or_fail(const CertificateDocument& document) {
    auto pdf = render_certificate_pdf(document);
    if (!pdf) ADD_FAILURE() << "render_certificate_pdf failed: " << pdf.error();
    return pdf.value_or(std::vector<std::uint8_t>{});
}

std::string pdf_text(const std::vector<std::uint8_t>& pdf) {
    const TempFolder folder;
    return testing::run_on_pdf(folder, pdf, "pdftotext -enc UTF-8 FILE -").value_or("");
}

TEST(CertificatePdf, IsOneA4PageOfPdf) {
    const std::vector<std::uint8_t> pdf = render_or_fail(testing::sample_certificate());
    ASSERT_GT(pdf.size(), 5U);
    EXPECT_EQ(std::string(pdf.begin(), pdf.begin() + 5), "%PDF-");

    const TempFolder folder;
    const std::string info = testing::run_on_pdf(folder, pdf, "pdfinfo FILE").value_or("");
    EXPECT_EQ(testing::page_count(info), 1) << info;
    EXPECT_THAT(info, HasSubstr("595.28 x 841.89 pts (A4)"));
}

TEST(CertificatePdf, CarriesExtractableChineseKoreanAndLatinText) {
    const std::string text = pdf_text(render_or_fail(testing::sample_certificate()));
    EXPECT_THAT(text, HasSubstr("亲属关系证明"));
    EXPECT_THAT(text, HasSubstr("Proof of Family Relationship"));
    EXPECT_THAT(text, HasSubstr("C2026-000123"));
    EXPECT_THAT(text, HasSubstr("张伟"));
    EXPECT_THAT(text, HasSubstr("김민준"));
    EXPECT_THAT(text, HasSubstr("110101199003071234"));
    EXPECT_THAT(text, HasSubstr("2026年3月1日"));  // the date under the issuer, written the Chinese way
}

TEST(CertificatePdf, EmbedsTheNotoCjkSansAndSerifFonts) {
    const TempFolder folder;
    const std::string fonts =
        testing::run_on_pdf(folder, render_or_fail(testing::sample_certificate()), "pdffonts FILE")
            .value_or("");
    EXPECT_TRUE(testing::font_embedded(fonts, "NotoSansCJK")) << fonts;
    EXPECT_TRUE(testing::font_embedded(fonts, "NotoSerifCJK")) << fonts;
    EXPECT_THAT(fonts, Not(HasSubstr(" no "))) << "every font must be embedded";
}

TEST(CertificatePdf, SameCertificateRendersToTheSameBytes) {
    EXPECT_EQ(render_or_fail(testing::sample_certificate()), render_or_fail(testing::sample_certificate()));
}

TEST(CertificatePdf, ProofPayloadAddsTheQrCodeAndVerificationCode) {
    const CertificateDocument with_proof = testing::sample_certificate();
    CertificateDocument without_proof = testing::sample_certificate();
    without_proof.proof_payload.clear();

    const std::vector<std::uint8_t> pdf_with = render_or_fail(with_proof);
    const std::vector<std::uint8_t> pdf_without = render_or_fail(without_proof);
    EXPECT_NE(pdf_with, pdf_without);
    EXPECT_THAT(pdf_text(pdf_with), HasSubstr("7KQ2-M9XD"));
    EXPECT_THAT(pdf_text(pdf_without), Not(HasSubstr("7KQ2-M9XD")));

    // At 300 dpi the bottom-left corner of the page (below the body, inside the frame) holds the QR code.
    const TempFolder folder;
    constexpr int kDpi = 300;
    const auto to_px = [](double points) { return static_cast<int>(points * kDpi / 72.0); };
    const auto page_with = testing::rasterise_pdf(folder, pdf_with, kDpi);
    const auto page_without = testing::rasterise_pdf(folder, pdf_without, kDpi);
    ASSERT_TRUE(page_with && page_without);
    const int x0 = to_px(40), y0 = to_px(600), x1 = to_px(200), y1 = to_px(810);
    EXPECT_EQ(page_without->dark_pixels(x0, y0, x1, y1), 0);

    const testing::QrModules expected = testing::expected_qr(with_proof.proof_payload);
    const auto read = testing::read_qr(*page_with, static_cast<int>(expected.size()), x0, y0, x1, y1);
    ASSERT_TRUE(read.has_value()) << "no QR code found at the bottom left";
    EXPECT_EQ(*read, expected);
}

TEST(CertificatePdf, PayloadTooLargeForAQrCodeIsAnError) {
    CertificateDocument document = testing::sample_certificate();
    document.proof_payload.assign(4000, 'a');  // ECC level M holds at most 2331 bytes
    const auto pdf = render_certificate_pdf(document);
    ASSERT_FALSE(pdf.has_value());
    EXPECT_THAT(pdf.error(), HasSubstr("too large"));
}

TEST(CertificatePdf, PayloadWithNulByteIsAnErrorNotATruncatedQrCode) {
    CertificateDocument document = testing::sample_certificate();
    document.proof_payload = std::string("HKV1.abc\0def", 12);
    EXPECT_FALSE(render_certificate_pdf(document).has_value());
}

TEST(CertificatePdf, LongContentShrinksToStayOnOnePage) {
    CertificateDocument document = testing::sample_certificate();
    for (int i = 0; i < 14; ++i) {
        document.fields.push_back({"附加事项 Note " + std::to_string(i),
                                   drivers::PersonalString("补充记录第" + std::to_string(i) + "项")});
    }
    document.fields.push_back({"最后一项 Last", drivers::PersonalString("LAST-FIELD-VALUE")});
    const std::vector<std::uint8_t> pdf = render_or_fail(document);

    const TempFolder folder;
    const std::string info = testing::run_on_pdf(folder, pdf, "pdfinfo FILE").value_or("");
    EXPECT_EQ(testing::page_count(info), 1) << info;
    EXPECT_THAT(pdf_text(pdf), HasSubstr("LAST-FIELD-VALUE"));
}

TEST(CertificatePdf, ContentThatCannotFitOnOnePageIsAnError) {
    CertificateDocument document = testing::sample_certificate();
    for (int i = 0; i < 120; ++i) {
        document.fields.push_back({"事项 " + std::to_string(i), drivers::PersonalString("记录")});
    }
    const auto pdf = render_certificate_pdf(document);
    ASSERT_FALSE(pdf.has_value());
    EXPECT_THAT(pdf.error(), HasSubstr("one A4 page"));
}

TEST(CertificatePdf, MinimalCertificateStillRenders) {
    CertificateDocument document;
    document.title = "证明";
    EXPECT_TRUE(render_certificate_pdf(document).has_value());
}

}  // namespace
}  // namespace hk::printer
