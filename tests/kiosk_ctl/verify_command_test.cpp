// kioskctl verify as a technician or a receiving office uses it: files in, VALID / NOT VALID out, exit status
// for scripts. Codes are signed by the central service's own signer.
#include "verify_command.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "crypto_helpers.h"
#include "printer/certificate_document.h"
#include "printer_test_support.h"
#include "proof.h"
#include "signer.h"

namespace hk::kiosk::ctl {
namespace {

using printer::testing::TempFolder;

class VerifyCommand : public ::testing::Test {
  protected:
    void SetUp() override {
        std::ofstream(folder.path() / "signing.pub.pem") << central::test::public_key_pem_of(private_key);
        nlohmann::json keys;
        keys["keys"] =
            nlohmann::json::array({{{"key_id", "dev-2026-1"},
                                    {"alg", "ES256"},
                                    {"public_key_pem", central::test::public_key_pem_of(private_key)}}});
        std::ofstream(folder.path() / "keys.json") << keys.dump();
        options.keys_file = folder.path() / "keys.json";
        options.today = "2026-12-01";
    }

    std::filesystem::path certificate_pdf(const central::Proof& proof, const std::string& name) {
        printer::CertificateDocument document = printer::testing::sample_certificate();
        document.proof_payload = proof.payload;
        document.verification_code = proof.verification_code;
        const auto pdf = printer::render_certificate_pdf(document).value();
        printer::testing::write_bytes(folder.path() / name, pdf);
        return folder.path() / name;
    }

    int run(std::vector<std::string> inputs) {
        options.inputs = std::move(inputs);
        out.str("");
        err.str("");
        return run_verify(options, out, err);
    }

    TempFolder folder;
    std::string private_key = central::test::generate_ec_private_key_pem();
    std::unique_ptr<central::ProofSigner> signer =
        central::make_es256_signer(private_key, "dev-2026-1").value();
    central::ProofClaims claims{"HK2026000042", "proof_of_family_relationship",
                                "王小明",       "110101198503071235",
                                "2026-11-22",   "2027-02-19"};
    VerifyOptions options;
    std::ostringstream out;
    std::ostringstream err;
};

TEST_F(VerifyCommand, APrintedCertificateIsValidWithItsFactsAndCode) {
    const central::Proof proof = central::make_proof(*signer, claims);
    EXPECT_EQ(run({certificate_pdf(proof, "c.pdf").string()}), 0) << out.str() << err.str();
    EXPECT_NE(out.str().find("c.pdf: VALID"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("亲属关系证明 Proof of family relationship"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("110101********1235"), std::string::npos);
    EXPECT_NE(out.str().find(proof.verification_code), std::string::npos);
    EXPECT_EQ(out.str().find("1985"), std::string::npos) << "the full ID number never appears";
}

TEST_F(VerifyCommand, OneForgedPageAmongGoodOnesFailsTheRun) {
    const central::Proof good = central::make_proof(*signer, claims);
    std::string forged = good.payload;
    forged[10] = forged[10] == 'A' ? 'B' : 'A';
    EXPECT_EQ(run({certificate_pdf(good, "good.pdf").string(), forged}), 1);
    EXPECT_NE(out.str().find("good.pdf: VALID"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("payload: NOT VALID"), std::string::npos) << out.str();
}

TEST_F(VerifyCommand, JsonGivesOneObjectALineWithTheResult) {
    options.json = true;
    options.today = "2027-03-01";
    const std::string payload = central::make_proof(*signer, claims).payload;
    EXPECT_EQ(run({payload}), 1);
    const auto line = nlohmann::json::parse(out.str());
    EXPECT_EQ(line["payload"], payload);
    EXPECT_EQ(line["valid"], false);
    EXPECT_EQ(line["result"], "expired");
    EXPECT_EQ(line["serial"], "HK2026000042");
    EXPECT_EQ(line["valid_until"], "2027-02-19");
}

TEST_F(VerifyCommand, APemKeyNeedsItsKeyId) {
    options.keys_file = folder.path() / "signing.pub.pem";
    EXPECT_EQ(run({central::make_proof(*signer, claims).payload}), 2);
    EXPECT_NE(err.str().find("key id"), std::string::npos) << err.str();
    options.key_id = "dev-2026-1";
    EXPECT_EQ(run({central::make_proof(*signer, claims).payload}), 0) << out.str();
}

TEST_F(VerifyCommand, AFileWithoutACodeIsNotValid) {
    printer::CertificateDocument document = printer::testing::sample_certificate();
    document.proof_payload.clear();
    printer::testing::write_bytes(folder.path() / "no-code.pdf",
                                  printer::render_certificate_pdf(document).value());
    EXPECT_EQ(run({(folder.path() / "no-code.pdf").string()}), 1);
    EXPECT_NE(out.str().find("no QR code found"), std::string::npos) << out.str();
    EXPECT_EQ(run({(folder.path() / "does-not-exist.pdf").string()}), 1);
    EXPECT_NE(out.str().find("cannot read"), std::string::npos) << out.str();
}

TEST_F(VerifyCommand, UnreadableKeysAreAUsageError) {
    options.keys_file = folder.path() / "none.json";
    EXPECT_EQ(run({"HK1.x.y"}), 2);
    EXPECT_NE(err.str().find("keys"), std::string::npos);
}

}  // namespace
}  // namespace hk::kiosk::ctl
