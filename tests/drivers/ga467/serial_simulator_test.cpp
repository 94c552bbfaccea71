// The real serial code (termios, poll) reading the GA 467 simulator on a pseudo-terminal, end to end through
// Ga467ResidentIdReader as the kiosk uses it. Waits are generous upper bounds; no assertion depends on how
// fast this machine is.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>

#include "card_fixtures.h"
#include "drivers/ga467/ga467_reader.h"
#include "drivers/ga467/sam_simulator.h"
#include "drivers/ga467/serial_transport.h"

namespace hk::drivers::ga467 {
namespace {

using std::chrono::milliseconds;

class Ga467SerialTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = std::filesystem::temp_directory_path() /
               ("hukiosk-ga467-" + std::to_string(::getpid()) + "-" + info->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        auto started = Ga467SamSimulator::start({dir_ / "ttyGA467"});
        ASSERT_TRUE(started) << started.error();
        sim_ = std::move(*started);
        timeouts_.find = milliseconds(400);
        timeouts_.select = milliseconds(400);
        timeouts_.read = milliseconds(2000);
        timeouts_.sam = milliseconds(400);
        timeouts_.poll_interval = milliseconds(20);
        auto reader = Ga467ResidentIdReader::create("ga467:" + sim_->device_path(), timeouts_);
        ASSERT_TRUE(reader) << reader.error().detail;
        reader_ = std::move(*reader);
    }
    void TearDown() override {
        reader_.reset();
        sim_.reset();
        std::filesystem::remove_all(dir_);
    }

    SimulatedIdCard card() {
        SimulatedIdCard card;
        card.fields = test::valid_fields();
        card.fields.valid_until = "长期";
        card.newest_address = "上海市示例路2号";
        for (std::size_t i = 0; i < card.photo_wlt.size(); ++i)
            card.photo_wlt[i] = static_cast<std::uint8_t>(i);
        return card;
    }

    void expect_card_read() {
        const auto read = reader_->read_card(milliseconds(3000));
        ASSERT_TRUE(read) << read.error().detail;
        ASSERT_TRUE(*read) << "no card";
        EXPECT_EQ((*read)->id_number.reveal(), test::valid_fields().id_number);
    }

    std::filesystem::path dir_;
    std::unique_ptr<Ga467SamSimulator> sim_;
    Ga467Timeouts timeouts_;
    std::unique_ptr<Ga467ResidentIdReader> reader_;
};

TEST_F(Ga467SerialTest, ReadsTheCardOnTheReader) {
    ASSERT_TRUE(sim_->place_card(card()));
    const auto read = reader_->read_card(milliseconds(3000));
    ASSERT_TRUE(read) << read.error().detail;
    ASSERT_TRUE(*read);
    const ResidentIdCard& got = **read;
    EXPECT_EQ(got.name.reveal(), "张示例");
    EXPECT_EQ(got.sex.reveal(), "男");
    EXPECT_EQ(got.ethnicity.reveal(), "汉");
    EXPECT_EQ(got.address.reveal(), "北京市东城区示例路1号");
    EXPECT_EQ(got.valid_until.reveal(), "长期");
    EXPECT_EQ(got.photo_wlt, card().photo_wlt);
    EXPECT_EQ(sim_->requests_seen(kSelectCard), 1u);
    EXPECT_EQ(sim_->requests_seen(kReadTextAndPhoto), 1u);
}

TEST_F(Ga467SerialTest, ReadsFingerprintsWhenAsked) {
    SimulatedIdCard with_prints = card();
    with_prints.fingerprints.assign(kFingerprintSize, 0x46);
    ASSERT_TRUE(sim_->place_card(with_prints));
    reader_->set_read_fingerprints(true);
    const auto read = reader_->read_card(milliseconds(3000));
    ASSERT_TRUE(read && *read) << (read ? "no card" : read.error().detail);
    ASSERT_TRUE((*read)->fingerprints);
    EXPECT_EQ(*(*read)->fingerprints, with_prints.fingerprints);
    EXPECT_EQ(sim_->requests_seen(kReadWithFingerprint), 1u);
}

TEST_F(Ga467SerialTest, StatusAsksTheSam) {
    const DeviceStatus status = reader_->status();
    EXPECT_TRUE(status.ready) << status.detail;
    EXPECT_EQ(sim_->requests_seen(kSamStatus), 1u);
    sim_->answer_next_with(kSamStatus, 0x60);
    const DeviceStatus broken = reader_->status();
    EXPECT_FALSE(broken.ready);
    EXPECT_EQ(broken.fault, FaultKind::IoError);
}

TEST_F(Ga467SerialTest, NoCardWithinTheWaitIsNoResult) {
    const auto read = reader_->read_card(milliseconds(200));
    ASSERT_TRUE(read) << read.error().detail;
    EXPECT_FALSE(*read);
    EXPECT_GE(sim_->requests_seen(kFindCard), 2u);
    EXPECT_EQ(sim_->requests_seen(kSelectCard), 0u);
}

TEST_F(Ga467SerialTest, ACardPlacedWhileWaitingIsRead) {
    std::thread citizen([&] {
        while (sim_->requests_seen(kFindCard) < 2) std::this_thread::yield();  // the reader is polling
        sim_->place_card(card());
    });
    const auto read = reader_->read_card(milliseconds(10000));
    citizen.join();
    ASSERT_TRUE(read) << read.error().detail;
    EXPECT_TRUE(*read);
}

TEST_F(Ga467SerialTest, CardTakenAwayBetweenFindAndReadIsCardRemoved) {
    ASSERT_TRUE(sim_->place_card(card()));
    sim_->remove_card_after_next_find();
    const auto read = reader_->read_card(milliseconds(3000));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().kind, FaultKind::CardRemoved) << read.error().detail;
    EXPECT_EQ(fault_code(read.error()), fault_code(DeviceKind::ResidentIdReader, FaultKind::CardRemoved));
}

TEST_F(Ga467SerialTest, BadChecksumIsUnreadableAndTheNextReadWorks) {
    ASSERT_TRUE(sim_->place_card(card()));
    sim_->corrupt_next_checksum();
    const auto read = reader_->read_card(milliseconds(3000));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().kind, FaultKind::Unreadable) << read.error().detail;
    expect_card_read();
}

TEST_F(Ga467SerialTest, LateAnswerIsATimeoutAndTheNextReadWorks) {
    ASSERT_TRUE(sim_->place_card(card()));
    sim_->delay_next_answer(timeouts_.find + milliseconds(600));
    const auto read = reader_->read_card(milliseconds(3000));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().kind, FaultKind::Timeout) << read.error().detail;
    // Let the late answer go out, so it is stale (and thrown away) when the next read starts.
    ASSERT_TRUE(sim_->wait_for_answers(1, milliseconds(5000)));
    expect_card_read();
}

TEST_F(Ga467SerialTest, DroppedBytesAreATimeout) {
    ASSERT_TRUE(sim_->place_card(card()));
    sim_->drop_bytes_from_next_answer(3);
    const auto read = reader_->read_card(milliseconds(3000));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().kind, FaultKind::Timeout) << read.error().detail;
    EXPECT_NE(read.error().detail.find("cut short"), std::string::npos) << read.error().detail;
    expect_card_read();
}

TEST_F(Ga467SerialTest, UnknownStatusIsAnIoErrorNamingIt) {
    ASSERT_TRUE(sim_->place_card(card()));
    sim_->answer_next_with(kReadTextAndPhoto, 0x77);
    const auto read = reader_->read_card(milliseconds(3000));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().kind, FaultKind::IoError);
    EXPECT_NE(read.error().detail.find("unknown SAM status 0x77"), std::string::npos) << read.error().detail;
}

TEST_F(Ga467SerialTest, AuthenticationFailureIsAccessDenied) {
    ASSERT_TRUE(sim_->place_card(card()));
    sim_->answer_next_with(kReadTextAndPhoto, 0x31);
    const auto read = reader_->read_card(milliseconds(3000));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().kind, FaultKind::AccessDenied) << read.error().detail;
}

TEST_F(Ga467SerialTest, UnplugThenReplugRecoversWithoutANewReader) {
    ASSERT_TRUE(sim_->place_card(card()));
    expect_card_read();

    sim_->unplug();
    const auto lost = reader_->read_card(milliseconds(500));
    ASSERT_FALSE(lost);
    EXPECT_EQ(lost.error().kind, FaultKind::Unplugged) << lost.error().detail;
    const DeviceStatus down = reader_->status();
    EXPECT_FALSE(down.ready);
    EXPECT_EQ(down.fault, FaultKind::Unplugged) << down.detail;

    const auto replugged = sim_->replug();
    ASSERT_TRUE(replugged) << replugged.error();
    EXPECT_TRUE(reader_->status().ready);
    expect_card_read();
}

TEST_F(Ga467SerialTest, AReaderPluggedInAfterStartIsFound) {
    sim_->unplug();
    EXPECT_EQ(reader_->status().fault, FaultKind::Unplugged);
    ASSERT_TRUE(sim_->replug());
    ASSERT_TRUE(sim_->place_card(card()));
    expect_card_read();
}

TEST_F(Ga467SerialTest, SerialTransportReportsAMissingDeviceAsGone) {
    SerialTransport line({(dir_ / "nothing-here").string(), 115200});
    const auto opened = line.reopen();
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().failure, TransportFailure::Gone);
    std::uint8_t byte = 0;
    const auto read = line.read_some(std::span(&byte, 1), milliseconds(10));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().failure, TransportFailure::Gone);
}

TEST_F(Ga467SerialTest, SerialTransportTimesOutWhenNothingComes) {
    SerialTransport line({sim_->device_path(), 115200});
    ASSERT_TRUE(line.reopen());
    std::uint8_t byte = 0;
    const auto read = line.read_some(std::span(&byte, 1), milliseconds(50));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().failure, TransportFailure::Timeout);
}

TEST_F(Ga467SerialTest, AGarbledRequestIsAnsweredWithAChecksumError) {
    SerialTransport line({sim_->device_path(), 115200});
    ASSERT_TRUE(line.reopen());
    std::vector<std::uint8_t> request = encode_request(make_request(kFindCard));
    request.back() ^= 0x01;
    ASSERT_TRUE(line.write(request));
    FrameParser parser(FrameKind::Answer);
    std::array<std::uint8_t, 64> piece{};
    std::optional<FrameParser::Result> frame;
    while (!frame) {
        const auto got = line.read_some(piece, milliseconds(2000));
        ASSERT_TRUE(got) << got.error().detail;
        parser.feed(std::span(piece).first(*got));
        frame = parser.next();
    }
    ASSERT_TRUE(*frame);
    EXPECT_EQ(decode_answer(**frame)->sw3, 0x10);
}

// ---- self-test ----

std::string checked(const SelfTestResult& result, const std::string& name) {
    for (const auto& [key, value] : result.checks) {
        if (key == name) return value;
    }
    return "";
}

TEST_F(Ga467SerialTest, SelfTestAsksTheSamAndFindsTheCardWithoutReadingIt) {
    const SelfTestResult empty = reader_->self_test();
    EXPECT_TRUE(empty.passed) << empty.summary;
    EXPECT_EQ(checked(empty, "sam"), "ready");
    EXPECT_EQ(checked(empty, "card"), "absent");

    ASSERT_TRUE(sim_->place_card(card()));
    const SelfTestResult with_card = reader_->self_test();
    EXPECT_TRUE(with_card.passed) << with_card.summary;
    EXPECT_EQ(checked(with_card, "card"), "present");
    EXPECT_GE(sim_->requests_seen(kFindCard), 2u);
    // A self-test never selects or reads the citizen's card.
    EXPECT_EQ(sim_->requests_seen(kSelectCard), 0u);
    EXPECT_EQ(sim_->requests_seen(kReadTextAndPhoto), 0u);
    EXPECT_EQ(with_card.summary.find("张示例"), std::string::npos);
    expect_card_read();
}

TEST_F(Ga467SerialTest, SelfTestOfAnUnhealthySamFails) {
    sim_->answer_next_with(kSamStatus, 0x60);
    const SelfTestResult broken = reader_->self_test();
    EXPECT_FALSE(broken.passed);
    ASSERT_TRUE(broken.fault.has_value());
    EXPECT_EQ(*broken.fault, FaultKind::IoError) << broken.summary;
    EXPECT_EQ(checked(broken, "port"), "open");
    EXPECT_EQ(sim_->requests_seen(kFindCard), 0u);  // it stops at the first failed check
}

TEST_F(Ga467SerialTest, SelfTestOfAnUnpluggedReaderFailsUnpluggedAndRecovers) {
    sim_->unplug();
    const SelfTestResult gone = reader_->self_test();
    EXPECT_FALSE(gone.passed);
    EXPECT_EQ(gone.fault, FaultKind::Unplugged) << gone.summary;
    EXPECT_EQ(fault_code(DeviceKind::ResidentIdReader, FaultKind::Unplugged), "IDR-01");
    ASSERT_TRUE(sim_->replug());
    EXPECT_TRUE(reader_->self_test().passed);
}

}  // namespace
}  // namespace hk::drivers::ga467
