// End to end with every real peer this machine has for printing: the kiosk binary (simulated card reader)
// talks to central-ref over mutual TLS, prints the certificate through a private cupsd (a PDF-to-file queue,
// or an IPP Everywhere printer that runs out of paper) and the receipt as ESC/POS over TCP to escpos-sink.
// What comes out is read back the way a person would: the proof code on the printed PDF is verified with the
// province's public key, the receipt bytes are decoded by npos.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "central_process.h"
#include "cups_peer.h"
#include "printer/proof/code_finder.h"
#include "printer/proof/proof_verifier.h"
#include "sink_process.h"

namespace {

namespace fs = std::filesystem;
using hk::central::test::CentralProcess;
using hk::central::test::TempDir;
using hk::printer::cups::test::CupsPeer;
using hk::printer::escpos::testing::SinkProcess;

const fs::path kScripts = fs::path(HUKIOSK_SOURCE_DIR) / "tests/e2e/scripts";

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class RealPrinters : public ::testing::Test {
  protected:
    TempDir temp;
    hk::central::test::Pki pki = hk::central::test::make_pki(temp.path() / "pki", {"kiosk-e2e"});
    CentralProcess central{pki, temp.path() / "central.db"};
    SinkProcess sink{{"--out-dir", (temp.path() / "receipts").string()}};
    fs::path out = temp.path() / "kiosk";

    void SetUp() override { fs::create_directories(temp.path() / "receipts"); }

    int run_kiosk(const std::string& script, const CupsPeer& cups, const std::string& queue) {
        fs::create_directories(out);
        nlohmann::json config;
        config["kiosk_id"] = "kiosk-e2e";
        config["central"] = {{"url", "https://127.0.0.1:" + std::to_string(central.port())},
                             {"ca_file", pki.ca()},
                             {"cert_file", pki.kiosk_cert("kiosk-e2e")},
                             {"key_file", pki.kiosk_key("kiosk-e2e")}};
        config["a4_printer"] = {{"backend", "cups"}, {"server", cups.server()}, {"queue", queue}};
        config["receipt_printer"] = {{"backend", "escpos"},
                                     {"connection", "tcp:127.0.0.1:" + std::to_string(sink.port())}};
        std::ofstream(out / "kiosk.json") << config.dump(2);
        const std::string command = std::string(HUKIOSK_KIOSK_BINARY) + " --simulate --headless --config " +
                                    (out / "kiosk.json").string() + " --script " +
                                    (kScripts / script).string() + " --out " + out.string() + " > " +
                                    (out / "kiosk.log").string() + " 2>&1";
        const int status = std::system(command.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    hk::printer::proof::TrustList trust() const {
        hk::printer::proof::TrustList list;
        EXPECT_TRUE(list.add_pem(pki.signing_kid(), pki.signing_public_key()));
        return list;
    }

    // What npos makes of the only receipt the sink received.
    nlohmann::json decoded_receipt() const {
        const fs::path bin = temp.path() / "receipts" / "receipt-1.bin";
        const fs::path decoder = fs::path(HUKIOSK_SOURCE_DIR) / "tests/printer/escpos/npos/decode.js";
        const fs::path json = temp.path() / "receipt.json";
        const std::string command = "node " + decoder.string() + " " + bin.string() + " > " + json.string();
        EXPECT_EQ(std::system(command.c_str()), 0)
            << "npos could not decode " << bin << " (node_modules missing? run tools/npm-deps.sh)";
        return nlohmann::json::parse(read_text(json), nullptr, false);
    }
};

TEST_F(RealPrinters, CertificateFromCupsCarriesAValidProofAndTheReceiptDecodes) {
    const CupsPeer cups;
    ASSERT_EQ(run_kiosk("../../../kiosk/scripts/demo-family-proof.script", cups, cups.queue()), 0)
        << read_text(out / "kiosk.log");

    // The page the CUPS queue wrote, read back like a photo of the paper.
    const auto codes = hk::printer::proof::proof_codes_in_file(cups.output_file());
    ASSERT_TRUE(codes) << codes.error();
    ASSERT_EQ(codes->size(), 1u);
    const auto verdict = hk::printer::proof::verify_proof(codes->front(), trust(), "2026-11-22");
    ASSERT_TRUE(verdict.valid()) << verdict.reason;
    EXPECT_EQ(verdict.claims->holder, "王小明");
    EXPECT_EQ(verdict.claims->type, "proof_of_family_relationship");
    EXPECT_EQ(verdict.claims->issued, "2026-11-22");

    const nlohmann::json receipt = decoded_receipt();
    ASSERT_FALSE(receipt.is_discarded());
    std::string text;
    for (const auto& line : receipt["lines"]) text += line["text"].get<std::string>() + "\n";
    EXPECT_NE(text.find(verdict.claims->serial), std::string::npos) << text;
    EXPECT_NE(text.find("1101**********1235"), std::string::npos) << "masked ID number\n" << text;
    EXPECT_EQ(text.find("110101198"), std::string::npos) << "the full ID number is never printed";
    EXPECT_EQ(receipt["qr"], nlohmann::json::array({verdict.claims->serial}));
    EXPECT_TRUE(receipt["cut"].get<bool>());
}

TEST_F(RealPrinters, PaperOutMidCertificateIsToldAndTheJobNeverComesOutLater) {
    // The IPP printer says media-empty while "printing" and never finishes the job.
    const CupsPeer cups("echo 'STATE: +media-empty-error' >&2; sleep 60");
    ASSERT_EQ(run_kiosk("paper-out-mid-certificate.script", cups, cups.ipp_queue()), 0)
        << read_text(out / "kiosk.log");
    const std::string transcript = read_text(out / "transcript.txt");
    EXPECT_NE(transcript.find("A4P-06"), std::string::npos) << transcript;
    // The kiosk cancelled the job it could not finish, so no certificate comes out for the next person.
    const auto pending =
        hk::printer::cups::test::run_command("lpstat -h " + cups.socket() + " -W not-completed -o");
    ASSERT_EQ(pending.status, 0);
    EXPECT_EQ(pending.output, "") << "a job is still queued: " << pending.output;
    const auto all = hk::printer::cups::test::run_command("lpstat -h " + cups.socket() + " -W all -o");
    EXPECT_NE(all.output.find(cups.ipp_queue()), std::string::npos) << "the job was sent: " << all.output;
    // The receipt still comes out: it carries the certificate number to reprint by. The first and only
    // certificate central-ref issued.
    const nlohmann::json receipt = decoded_receipt();
    ASSERT_FALSE(receipt.is_discarded());
    EXPECT_NE(receipt.dump().find("HK2026000001"), std::string::npos) << receipt.dump();
}

}  // namespace
