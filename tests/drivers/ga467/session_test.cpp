// The session against a scripted transport: every transport failure and every step's fault, with no timing
// involved (the script answers at once or fails at once).
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <utility>

#include "card_fixtures.h"
#include "drivers/ga467/ga467_reader.h"
#include "drivers/ga467/sam_session.h"
#include "drivers/ga467/ucs2.h"

namespace hk::drivers::ga467 {
namespace {

using Bytes = std::vector<std::uint8_t>;
using std::chrono::milliseconds;

// Answers each request with what `reply` says: bytes to deliver, or a failure for the next read.
class ScriptedTransport final : public Ga467Transport {
  public:
    using Reply = std::expected<Bytes, TransportError>;
    std::function<Reply(CommandCode)> reply;
    std::vector<CommandCode> requests;
    std::size_t piece_size = 7;  // deliver answers in small pieces, as a serial line does
    std::optional<TransportError> write_error;
    std::optional<TransportError> reopen_error;
    int reopens = 0;

    std::expected<void, TransportError> write(std::span<const std::uint8_t> bytes) override {
        if (write_error) return std::unexpected(*write_error);
        FrameParser parser(FrameKind::Request);
        parser.feed(bytes);
        auto frame = parser.next();
        EXPECT_TRUE(frame && *frame) << "the session sent a malformed frame";
        const auto request = decode_request(**frame);
        const CommandCode code{request->command, request->parameter};
        requests.push_back(code);
        Reply answer = reply(code);
        if (answer) {
            incoming_.insert(incoming_.end(), answer->begin(), answer->end());
        } else {
            read_error_ = answer.error();
        }
        return {};
    }
    std::expected<std::size_t, TransportError> read_some(std::span<std::uint8_t> into,
                                                         milliseconds) override {
        if (incoming_.empty()) {
            if (read_error_) return std::unexpected(*std::exchange(read_error_, std::nullopt));
            return std::unexpected(TransportError{TransportFailure::Timeout, "scripted: no data"});
        }
        const std::size_t count = std::min({into.size(), incoming_.size(), piece_size});
        std::copy_n(incoming_.begin(), count, into.begin());
        incoming_.erase(incoming_.begin(), incoming_.begin() + static_cast<std::ptrdiff_t>(count));
        return count;
    }
    void discard_input() override { incoming_.clear(); }
    std::expected<void, TransportError> reopen() override {
        ++reopens;
        if (reopen_error) return std::unexpected(*reopen_error);
        return {};
    }
    [[nodiscard]] std::string describe() const override { return "scripted"; }

    [[nodiscard]] std::size_t count(CommandCode code) const { return std::ranges::count(requests, code); }

  private:
    std::deque<std::uint8_t> incoming_;
    std::optional<TransportError> read_error_;
};

Bytes answer(std::uint8_t sw3, Bytes data = {}) {
    return encode_answer({0x00, 0x00, sw3, std::move(data)});
}

Bytes card_data(const TextBlockFields& fields, bool fingerprint_layout = false, Bytes prints = {}) {
    const auto text = *encode_text_block(fields);
    return encode_card_record(text, Bytes(kPhotoSize, 0x57), fingerprint_layout, prints);
}

// A reader with a card: find 9F, select 90, read 90 + record.
ScriptedTransport::Reply card_reader(CommandCode code, const TextBlockFields& fields) {
    if (code == kFindCard) return answer(0x9F, {0, 0, 0, 0});
    if (code == kSelectCard) return answer(0x90, Bytes(8));
    if (code == kReadTextAndPhoto) return answer(0x90, card_data(fields));
    if (code == kReadWithFingerprint)
        return answer(0x90, card_data(fields, true, Bytes(kFingerprintSize, 0x46)));
    return answer(0x90);
}

Ga467Timeouts quick() {
    Ga467Timeouts timeouts;
    timeouts.poll_interval = milliseconds(1);
    return timeouts;
}

TEST(Ga467Session, ReadsACardThroughFindSelectRead) {
    ScriptedTransport line;
    line.reply = [](CommandCode code) { return card_reader(code, test::valid_fields()); };
    Ga467Session session(line, quick());
    const auto card = session.read_card(milliseconds(0));
    ASSERT_TRUE(card) << card.error().detail;
    ASSERT_TRUE(*card);
    EXPECT_EQ((*card)->id_number.reveal(), test::valid_fields().id_number);
    EXPECT_EQ((*card)->photo_wlt, Bytes(kPhotoSize, 0x57));
    EXPECT_FALSE((*card)->fingerprints);
    EXPECT_EQ(line.requests, (std::vector<CommandCode>{kFindCard, kSelectCard, kReadTextAndPhoto}));
}

TEST(Ga467Session, ReadsFingerprintsWhenAsked) {
    ScriptedTransport line;
    line.reply = [](CommandCode code) { return card_reader(code, test::valid_fields()); };
    Ga467Session session(line, quick());
    const auto card = session.read_card(milliseconds(0), true);
    ASSERT_TRUE(card && *card);
    ASSERT_TRUE((*card)->fingerprints);
    EXPECT_EQ((*card)->fingerprints->size(), kFingerprintSize);
    EXPECT_EQ(line.count(kReadWithFingerprint), 1u);
}

TEST(Ga467Session, NoCardWithinTheWaitIsNoResultAfterPolling) {
    ScriptedTransport line;
    line.reply = [](CommandCode) { return answer(0x80); };
    Ga467Session session(line, quick());
    const auto card = session.read_card(milliseconds(30));
    ASSERT_TRUE(card) << card.error().detail;
    EXPECT_FALSE(*card);
    EXPECT_GE(line.count(kFindCard), 2u);  // polled, not asked once
    EXPECT_EQ(line.count(kSelectCard), 0u);
}

TEST(Ga467Session, ACardArrivingWhilePollingIsRead) {
    ScriptedTransport line;
    int finds = 0;
    line.reply = [&](CommandCode code) {
        if (code == kFindCard && ++finds < 3) return ScriptedTransport::Reply(answer(0x80));
        return card_reader(code, test::valid_fields());
    };
    Ga467Session session(line, quick());
    const auto card = session.read_card(milliseconds(5000));
    ASSERT_TRUE(card && *card);
    EXPECT_EQ(finds, 3);
}

TEST(Ga467Session, CardGoneAfterFindIsCardRemoved) {
    ScriptedTransport line;
    int finds = 0;
    line.reply = [&](CommandCode code) {
        if (code == kFindCard) return ScriptedTransport::Reply(answer(++finds == 1 ? 0x9F : 0x80, Bytes(4)));
        if (code == kSelectCard) return ScriptedTransport::Reply(answer(0x90, Bytes(8)));
        return ScriptedTransport::Reply(answer(0x41));
    };
    Ga467Session session(line, quick());
    const auto card = session.read_card(milliseconds(0));
    ASSERT_FALSE(card);
    EXPECT_EQ(card.error().kind, FaultKind::CardRemoved);
    EXPECT_EQ(card.error().device, DeviceKind::ResidentIdReader);
}

TEST(Ga467Session, ReadFailingWithTheCardStillThereIsUnreadable) {
    ScriptedTransport line;
    line.reply = [&](CommandCode code) {
        if (code == kReadTextAndPhoto) return ScriptedTransport::Reply(answer(0x41));
        return card_reader(code, test::valid_fields());
    };
    Ga467Session session(line, quick());
    const auto card = session.read_card(milliseconds(0));
    ASSERT_FALSE(card);
    EXPECT_EQ(card.error().kind, FaultKind::Unreadable);
    EXPECT_NE(card.error().detail.find("still on the reader"), std::string::npos);
}

TEST(Ga467Session, EachStatusFaultReachesTheCaller) {
    struct Case {
        CommandCode at;
        std::uint8_t sw3;
        FaultKind kind;
    };
    const Case cases[] = {
        {kFindCard, 0x31, FaultKind::AccessDenied},
        {kSelectCard, 0x32, FaultKind::AccessDenied},
        {kReadTextAndPhoto, 0x33, FaultKind::AccessDenied},
        {kFindCard, 0x40, FaultKind::Unreadable},
        {kSelectCard, 0x10, FaultKind::Unreadable},
        {kReadTextAndPhoto, 0x11, FaultKind::Unreadable},
        {kFindCard, 0x21, FaultKind::IoError},
        {kFindCard, 0x60, FaultKind::IoError},
        {kReadTextAndPhoto, 0x77, FaultKind::IoError},
    };
    for (const Case& c : cases) {
        ScriptedTransport line;
        line.reply = [&](CommandCode code) {
            if (code == c.at) return ScriptedTransport::Reply(answer(c.sw3));
            return card_reader(code, test::valid_fields());
        };
        Ga467Session session(line, quick());
        const auto card = session.read_card(milliseconds(0));
        ASSERT_FALSE(card) << int{c.sw3};
        EXPECT_EQ(card.error().kind, c.kind) << int{c.sw3} << ": " << card.error().detail;
    }
}

TEST(Ga467Session, TransportFailuresBecomeDeviceFaults) {
    struct Case {
        TransportFailure failure;
        FaultKind kind;
    };
    for (const Case c :
         {Case{TransportFailure::Timeout, FaultKind::Timeout},
          Case{TransportFailure::Gone, FaultKind::Unplugged}, Case{TransportFailure::Busy, FaultKind::Busy},
          Case{TransportFailure::Io, FaultKind::IoError}}) {
        ScriptedTransport line;
        line.reply = [&](CommandCode) {
            return ScriptedTransport::Reply(std::unexpected(TransportError{c.failure, "x"}));
        };
        Ga467Session session(line, quick());
        const auto card = session.read_card(milliseconds(0));
        ASSERT_FALSE(card);
        EXPECT_EQ(card.error().kind, c.kind);

        ScriptedTransport dead;
        dead.write_error = TransportError{c.failure, "x"};
        Ga467Session other(dead, quick());
        const auto checked = other.check_sam();
        ASSERT_FALSE(checked);
        EXPECT_EQ(checked.error().kind, c.kind);
    }
}

TEST(Ga467Session, GarbledAnswersAreUnreadable) {
    Bytes bad_checksum = answer(0x9F, Bytes(4));
    bad_checksum.back() ^= 0xFF;
    const Bytes bad_length{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x20, 0x00, 0x00};
    for (const Bytes& garbled : {bad_checksum, bad_length}) {
        ScriptedTransport line;
        line.reply = [&](CommandCode) { return ScriptedTransport::Reply(garbled); };
        Ga467Session session(line, quick());
        const auto card = session.read_card(milliseconds(0));
        ASSERT_FALSE(card);
        EXPECT_EQ(card.error().kind, FaultKind::Unreadable) << card.error().detail;
    }
}

TEST(Ga467Session, AnAnswerCutShortIsATimeoutThatSaysSo) {
    ScriptedTransport line;
    line.reply = [](CommandCode) {
        Bytes cut = answer(0x9F, Bytes(4));
        cut.pop_back();
        return ScriptedTransport::Reply(cut);
    };
    Ga467Session session(line, quick());
    const auto found = session.find_card();
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().kind, FaultKind::Timeout);
    EXPECT_NE(found.error().detail.find("cut short"), std::string::npos) << found.error().detail;
}

TEST(Ga467Session, AnInvalidCardIsUnreadableNamingTheRuleNotTheValue) {
    TextBlockFields fields = test::valid_fields();
    fields.id_number.back() = fields.id_number.back() == '0' ? '1' : '0';
    ScriptedTransport line;
    line.reply = [&](CommandCode code) { return card_reader(code, fields); };
    Ga467Session session(line, quick());
    const auto card = session.read_card(milliseconds(0));
    ASSERT_FALSE(card);
    EXPECT_EQ(card.error().kind, FaultKind::Unreadable);
    EXPECT_NE(card.error().detail.find("GB 11643"), std::string::npos) << card.error().detail;
    EXPECT_EQ(card.error().detail.find(fields.id_number), std::string::npos);
    EXPECT_EQ(card.error().detail.find(fields.name), std::string::npos);
}

TEST(Ga467Session, ReadsTheNewestAddress) {
    ScriptedTransport line;
    line.reply = [](CommandCode code) {
        Bytes address = *utf8_to_card_text("上海市示例路2号");
        address.resize(70, 0);
        return code == kReadNewestAddress ? ScriptedTransport::Reply(answer(0x90, address)) : answer(0x90);
    };
    Ga467Session session(line, quick());
    const auto address = session.read_newest_address();
    ASSERT_TRUE(address) << address.error().detail;
    EXPECT_EQ(address->reveal(), "上海市示例路2号");
}

TEST(Ga467Reader, ReopensAfterUnplugAndReportsStatus) {
    auto owned = std::make_unique<ScriptedTransport>();
    ScriptedTransport& line = *owned;
    bool plugged = true;
    line.reply = [&](CommandCode code) {
        if (!plugged)
            return ScriptedTransport::Reply(std::unexpected(TransportError{TransportFailure::Gone, "gone"}));
        return card_reader(code, test::valid_fields());
    };
    Ga467ResidentIdReader reader(std::move(owned), quick());
    EXPECT_TRUE(reader.status().ready);
    EXPECT_EQ(line.reopens, 1);  // opened on first use

    plugged = false;
    const auto lost = reader.read_card(milliseconds(0));
    ASSERT_FALSE(lost);
    EXPECT_EQ(lost.error().kind, FaultKind::Unplugged);
    line.reopen_error = TransportError{TransportFailure::Gone, "no such device"};
    const DeviceStatus down = reader.status();
    EXPECT_FALSE(down.ready);
    EXPECT_EQ(down.fault, FaultKind::Unplugged);
    EXPECT_EQ(line.reopens, 2);

    plugged = true;
    line.reopen_error.reset();
    const auto back = reader.read_card(milliseconds(0));
    ASSERT_TRUE(back && *back);
    EXPECT_EQ(line.reopens, 3);
    EXPECT_TRUE(reader.status().ready);
    EXPECT_EQ(line.reopens, 3);  // healthy: no more reopening
}

TEST(Ga467Reader, SelfTestFailureIsAnIoErrorStatus) {
    auto owned = std::make_unique<ScriptedTransport>();
    owned->reply = [](CommandCode) { return ScriptedTransport::Reply(answer(0x60)); };
    Ga467ResidentIdReader reader(std::move(owned), quick());
    const DeviceStatus status = reader.status();
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::IoError);
    EXPECT_NE(status.detail.find("self-test"), std::string::npos);
}

TEST(Ga467Connection, ParsesSerialAndUsbConnections) {
    auto serial = parse_ga467_connection("ga467:/dev/ttyUSB0");
    ASSERT_TRUE(serial) << serial.error();
    EXPECT_EQ(serial->bus, Ga467Connection::Bus::Serial);
    EXPECT_EQ(serial->serial.path, "/dev/ttyUSB0");
    EXPECT_EQ(serial->serial.baud, 115200);

    auto slow = parse_ga467_connection("ga467:/dev/ttyS1@9600");
    ASSERT_TRUE(slow);
    EXPECT_EQ(slow->serial.path, "/dev/ttyS1");
    EXPECT_EQ(slow->serial.baud, 9600);

    auto usb = parse_ga467_connection("ga467:usb");
    ASSERT_TRUE(usb);
    EXPECT_EQ(usb->bus, Ga467Connection::Bus::Usb);
    EXPECT_EQ(usb->usb.vendor, 0x0400);
    EXPECT_EQ(usb->usb.product, 0xC35A);

    auto other = parse_ga467_connection("ga467:usb:10c4:ea60");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->usb.vendor, 0x10C4);
    EXPECT_EQ(other->usb.product, 0xEA60);
}

TEST(Ga467Connection, RefusesMalformedConnections) {
    for (const char* text :
         {"pcsc:x", "ga467:", "ga467:ttyUSB0", "ga467:/dev/ttyUSB0@1234", "ga467:/dev/ttyUSB0@",
          "ga467:usb:0400", "ga467:usb:040:c35a", "ga467:usb:zzzz:c35a"}) {
        EXPECT_FALSE(parse_ga467_connection(text)) << text;
    }
    EXPECT_FALSE(Ga467ResidentIdReader::create("ga467:nope"));
    EXPECT_TRUE(
        Ga467ResidentIdReader::create("ga467:/dev/hukiosk-no-such-tty"));  // device need not exist yet
}

}  // namespace
}  // namespace hk::drivers::ga467
