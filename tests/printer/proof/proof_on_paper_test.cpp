// The proof code as it leaves the kiosk: rendered on the certificate PDF, read back from the PDF itself, from
// a scan rasterised by another program (pdftoppm), and from a rotated, lossy JPEG "photo" of the page.
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <gtest/gtest.h>

#include "printer/certificate_document.h"
#include "printer/proof/code_finder.h"
#include "printer/proof/proof_verifier.h"
#include "printer_test_support.h"
#include "proof_fixture.h"

namespace hk::printer::proof {
namespace {

using printer::testing::TempFolder;
using testing::SignedProofs;

constexpr std::string_view kToday = "2026-12-01";

std::vector<std::uint8_t> certificate_pdf_with(const std::string& payload, const std::string& code) {
    CertificateDocument document = printer::testing::sample_certificate();
    document.proof_payload = payload;
    document.verification_code = code;
    return render_certificate_pdf(document).value();
}

// The one code found in `file`, verified.
ProofVerdict verify_file(const std::filesystem::path& file, const TrustList& trust) {
    const auto codes = proof_codes_in_file(file);
    EXPECT_TRUE(codes) << codes.error();
    if (!codes || codes->size() != 1) {
        ADD_FAILURE() << file << ": " << (codes ? codes->size() : 0) << " codes found";
        return {};
    }
    return verify_proof(codes->front(), trust, kToday);
}

class ProofOnPaper : public ::testing::Test {
  protected:
    SignedProofs proofs;
    central::Proof issued = proofs.issue();
    TempFolder folder;
};

TEST_F(ProofOnPaper, ThePrintedPdfVerifies) {
    const auto pdf = certificate_pdf_with(issued.payload, issued.verification_code);
    printer::testing::write_bytes(folder.path() / "certificate.pdf", pdf);
    const ProofVerdict verdict = verify_file(folder.path() / "certificate.pdf", proofs.trust());
    EXPECT_TRUE(verdict.valid()) << verdict.reason;
    EXPECT_EQ(verdict.verification_code, issued.verification_code);
}

TEST_F(ProofOnPaper, AScanMadeByAnotherRasteriserVerifies) {
    const auto pdf = certificate_pdf_with(issued.payload, issued.verification_code);
    printer::testing::write_bytes(folder.path() / "c.pdf", pdf);
    ASSERT_TRUE(printer::testing::run("pdftoppm -r 150 -gray -png -singlefile " +
                                      (folder.path() / "c.pdf").string() + " " +
                                      (folder.path() / "scan").string()));
    const ProofVerdict verdict = verify_file(folder.path() / "scan.png", proofs.trust());
    EXPECT_TRUE(verdict.valid()) << verdict.reason;
}

TEST_F(ProofOnPaper, ARotatedLossyPhotoVerifies) {
    const auto pdf = certificate_pdf_with(issued.payload, issued.verification_code);
    const auto pages = rasterise_pdf(pdf, 120);
    ASSERT_TRUE(pages) << pages.error();
    const GreyImage& page = pages->front();
    // The page turned a quarter, as a phone held sideways takes it, saved as a JPEG at quality 70.
    SDL_Surface* photo =
        SDL_CreateRGBSurfaceWithFormat(0, page.height, page.width, 24, SDL_PIXELFORMAT_RGB24);
    ASSERT_NE(photo, nullptr);
    auto* base = static_cast<std::uint8_t*>(photo->pixels);
    for (int y = 0; y < page.height; ++y) {
        for (int x = 0; x < page.width; ++x) {
            const std::uint8_t grey = page.pixels[static_cast<std::size_t>(y * page.width + x)];
            std::uint8_t* pixel =
                base + static_cast<std::ptrdiff_t>(x) * photo->pitch + 3 * (page.height - 1 - y);
            pixel[0] = pixel[1] = pixel[2] = grey;
        }
    }
    const std::filesystem::path jpeg = folder.path() / "photo.jpg";
    ASSERT_EQ(IMG_SaveJPG(photo, jpeg.c_str(), 70), 0) << IMG_GetError();
    SDL_FreeSurface(photo);
    const ProofVerdict verdict = verify_file(jpeg, proofs.trust());
    EXPECT_TRUE(verdict.valid()) << verdict.reason;
}

TEST_F(ProofOnPaper, APageWithOneClaimChangedIsNotValid) {
    // A forger edits the claims (a different serial) and prints the page again with the old signature.
    SignedProofs other = proofs;
    other.claims.serial = "HK2026000043";
    const std::string forged_claims = central::test::split_proof(other.issue().payload)->claims_text;
    const std::string original_signature = issued.payload.substr(issued.payload.rfind('.'));
    const std::string forged = "HK1." + forged_claims + original_signature;

    printer::testing::write_bytes(folder.path() / "forged.pdf",
                                  certificate_pdf_with(forged, issued.verification_code));
    const ProofVerdict verdict = verify_file(folder.path() / "forged.pdf", proofs.trust());
    EXPECT_EQ(verdict.failure, ProofFailure::BadSignature) << verdict.reason;
    ASSERT_TRUE(verdict.claims);
    EXPECT_EQ(verdict.claims->serial, "HK2026000043");
}

TEST_F(ProofOnPaper, TheRawPayloadInATextFileVerifies) {
    printer::testing::write_bytes(folder.path() / "code.txt",
                                  std::vector<std::uint8_t>(issued.payload.begin(), issued.payload.end()));
    EXPECT_TRUE(verify_file(folder.path() / "code.txt", proofs.trust()).valid());
}

TEST_F(ProofOnPaper, APageWithoutACodeHasNone) {
    printer::testing::write_bytes(folder.path() / "plain.pdf", certificate_pdf_with("", ""));
    const auto codes = proof_codes_in_file(folder.path() / "plain.pdf");
    ASSERT_TRUE(codes) << codes.error();
    EXPECT_TRUE(codes->empty());
}

TEST_F(ProofOnPaper, ABrokenFileIsAnErrorNotACrash) {
    const std::string truncated = "%PDF-1.5\n1 0 obj\n<<";
    printer::testing::write_bytes(folder.path() / "broken.pdf",
                                  std::vector<std::uint8_t>(truncated.begin(), truncated.end()));
    EXPECT_FALSE(proof_codes_in_file(folder.path() / "broken.pdf"));
    const std::string png_head = "\x89PNG\r\n\x1a\n garbage";
    printer::testing::write_bytes(folder.path() / "broken.png",
                                  std::vector<std::uint8_t>(png_head.begin(), png_head.end()));
    EXPECT_FALSE(proof_codes_in_file(folder.path() / "broken.png"));
    EXPECT_FALSE(proof_codes_in_file(folder.path() / "missing.pdf"));
}

}  // namespace
}  // namespace hk::printer::proof
