// kioskctl chip read and kioskctl idcard read as a technician runs them, against real peers: the ICAO card
// simulator behind real pcscd (vpcd) and the GA 467 reader simulator on a pseudo-terminal read by the real
// termios code. Output is checked field by field, exit codes for scripts.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "chip_command.h"
#include "drivers/ga467/sam_simulator.h"
#include "drivers/icao9303/test_document.h"
#include "drivers/sim/icao_test_card.h"
#include "drivers/transports/vpcd_card_bridge.h"
#include "idcard_command.h"
#include "pcscd_peer.h"

namespace hk::kiosk::ctl {
namespace {

using namespace std::chrono_literals;
namespace testdoc = drivers::icao9303::testdoc;
using drivers::transports::testing::PcscdPeer;

std::filesystem::path test_dir() {
    return std::filesystem::temp_directory_path() / ("hukiosk-ctl-cards-" + std::to_string(::getpid()));
}

TEST(AccessKeyFromMrz, TakesTd3Td2AndTd1AndChecksEveryDigit) {
    const auto td3 = access_key_from_mrz("L898902C36UTO7408122F1204159ZE184226B<<<<<10");
    ASSERT_TRUE(td3);
    EXPECT_EQ(td3->document_number.reveal(), "L898902C3");
    EXPECT_EQ(td3->birth_date.reveal(), "740812");
    EXPECT_EQ(td3->expiry_date.reveal(), "120415");
    const auto td1 = access_key_from_mrz("I<UTOD231458907<<<<<<<<<<<<<<<7408122F1204159UTO<<<<<<<<<<<6");
    ASSERT_TRUE(td1);
    EXPECT_EQ(td1->document_number.reveal(), "D23145890");
    EXPECT_FALSE(access_key_from_mrz("L898902C37UTO7408122F1204159ZE184226B<<<<<10"));  // number digit
    EXPECT_FALSE(access_key_from_mrz("L898902C36UTO7408123F1204159ZE184226B<<<<<10"));  // birth digit
    EXPECT_FALSE(access_key_from_mrz("L898902C36UTO"));
}

class ChipReadCommand : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { PcscdPeer::use_private_socket(test_dir() / "pcscd" / "pcscd.comm"); }

    void SetUp() override {
        ASSERT_TRUE(std::filesystem::exists("/usr/sbin/pcscd")) << "pcscd is not installed";
        std::filesystem::create_directories(test_dir() / "csca");
        ASSERT_TRUE(testdoc::write_trust_file(test_dir() / "csca", testdoc::TrustFileFormat::MasterList));
        auto document = testdoc::make_test_document();
        ASSERT_TRUE(document) << document.error();
        mrz_ = document->mrz;
        card_ = drivers::sim::make_test_card(*document);
        const std::uint16_t port = PcscdPeer::free_port_pair();
        ASSERT_NE(port, 0);
        pcscd_ = std::make_unique<PcscdPeer>(test_dir() / "pcscd", port);
        ASSERT_TRUE(pcscd_->start()) << pcscd_->error();
        drivers::transports::VpcdBridgeOptions bridge;
        bridge.port = port;
        bridge_ = std::make_unique<drivers::transports::VpcdCardBridge>(*card_, bridge);
        bridge_->start();
        ASSERT_TRUE(bridge_->wait_connected(10s));
        options_.reader = "pcsc:Virtual PCD 00 00";
        options_.trust_store = test_dir() / "csca";
        options_.wait = 5s;
    }

    void TearDown() override {
        bridge_.reset();
        pcscd_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(test_dir(), ignored);
    }

    int run() {
        out_.str("");
        err_.str("");
        return run_chip_read(options_, out_, err_);
    }

    std::string mrz_;
    std::shared_ptr<drivers::sim::IcaoCardSimulator> card_;
    std::unique_ptr<PcscdPeer> pcscd_;
    std::unique_ptr<drivers::transports::VpcdCardBridge> bridge_;
    ChipReadOptions options_;
    std::ostringstream out_;
    std::ostringstream err_;
};

TEST_F(ChipReadCommand, PrintsTheDocumentTheChecksAndTheCostAsJson) {
    options_.mrz = mrz_.substr(44);  // TD3 line 2
    options_.json = true;
    ASSERT_EQ(run(), 0) << err_.str();
    const auto facts = nlohmann::json::parse(out_.str());
    EXPECT_EQ(facts["result"], "read");
    EXPECT_EQ(facts["document"]["surname"], "ERIKSSON");
    EXPECT_EQ(facts["document"]["face_bytes"], 20 * 1024);
    EXPECT_EQ(facts["passive_authentication"], "passed");
    EXPECT_EQ(facts["clone_detection"], "passed");
    EXPECT_GT(facts["apdus"].get<int>(), 10);
    EXPECT_GT(facts["bytes_received"].get<int>(), 20 * 1024);
    EXPECT_EQ(facts["access"].get<std::string>().rfind("PACE", 0), 0u);
}

TEST_F(ChipReadCommand, OpensWithTheCanAndSaysPlainlyWhenTheKeyIsWrong) {
    options_.can = "123456";
    EXPECT_EQ(run(), 0) << err_.str();
    EXPECT_NE(out_.str().find("passive_authentication: passed"), std::string::npos) << out_.str();
    options_.can = "999999";
    EXPECT_EQ(run(), 1);
    EXPECT_NE(out_.str().find("error: access_denied"), std::string::npos) << out_.str();
}

TEST_F(ChipReadCommand, RefusesBadOptionsAndReportsAnEmptyReader) {
    options_.mrz = "L898902C37UTO7408122F1204159ZE184226B<<<<<10";
    EXPECT_EQ(run(), 2);
    options_.mrz.clear();
    EXPECT_EQ(run(), 2);  // neither --mrz nor --can
    options_.reader = "acr122:";
    options_.can = "123456";
    EXPECT_EQ(run(), 2);
    options_.reader = "pcsc:Virtual PCD 00 00";
    bridge_->remove_card();
    options_.wait = 300ms;
    EXPECT_EQ(run(), 1);
    EXPECT_NE(err_.str().find("no card"), std::string::npos) << err_.str();
}

TEST(IdCardReadCommand, ReadsTheSimulatedReaderOverTheRealSerialCode) {
    auto simulator = drivers::ga467::Ga467SamSimulator::start({});
    ASSERT_TRUE(simulator) << simulator.error();
    drivers::ga467::SimulatedIdCard card;
    card.fields.name = "张示例";
    card.fields.birth_date = "19491231";
    card.fields.sex_code = "2";
    card.fields.address = "北京市东城区示例路1号";
    card.fields.id_number = "11010519491231002X";
    card.fields.issuing_authority = "北京市公安局东城分局";
    card.fields.valid_from = "20100101";
    card.fields.valid_until = "长期";
    ASSERT_TRUE((*simulator)->place_card(card));

    IdCardReadOptions options;
    options.reader = "ga467:" + (*simulator)->device_path();
    options.json = true;
    options.wait = 5s;
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(run_idcard_read(options, out, err), 0) << err.str();
    const auto facts = nlohmann::json::parse(out.str());
    EXPECT_EQ(facts["card"]["name"], "张示例");
    EXPECT_EQ(facts["card"]["id_number"], "11010519491231002X");
    EXPECT_EQ(facts["card"]["valid_until"], "长期");
    EXPECT_EQ(facts["card"]["photo_bytes"], 1024);
    EXPECT_EQ(facts["id_number_checksum"], "valid");

    (*simulator)->remove_card();
    options.wait = 300ms;
    out.str("");
    err.str("");
    EXPECT_EQ(run_idcard_read(options, out, err), 1);
    EXPECT_NE(err.str().find("no card"), std::string::npos) << err.str();
    (*simulator)->unplug();
    err.str("");
    EXPECT_EQ(run_idcard_read(options, out, err), 1);
    EXPECT_NE(err.str().find("IDR-01"), std::string::npos) << err.str();
    options.reader = "ga467:";
    EXPECT_EQ(run_idcard_read(options, out, err), 2);
}

}  // namespace
}  // namespace hk::kiosk::ctl
