// The chip reader's card identity (GET DATA UID, answered by the reader) over the simulated port: the UID of
// a technician card or of a passport, nothing without a card, and a reader fault as a fault.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "drivers/icao9303/icao_chip_reader.h"
#include "drivers/iso7816/get_uid.h"
#include "drivers/sim/plain_contactless_card.h"
#include "drivers/sim/simulated_card.h"
#include "drivers/sim/simulated_contactless_port.h"

namespace hk::drivers::icao9303 {
namespace {

using namespace std::chrono_literals;

TEST(GetUid, OnlyTheReadersPseudoApduIsTakenForIt) {
    EXPECT_TRUE(iso7816::is_get_uid_command(iso7816::get_uid_command()));
    EXPECT_TRUE(iso7816::is_get_uid_command(iso7816::Bytes{0xFF, 0xCA, 0x00, 0x00, 0x04}));
    EXPECT_FALSE(iso7816::is_get_uid_command(iso7816::Bytes{0xFF, 0xCA, 0x01, 0x00, 0x00}));  // the ATS
    EXPECT_FALSE(iso7816::is_get_uid_command(iso7816::Bytes{0x00, 0xCA, 0x00, 0x00, 0x00}));
    EXPECT_FALSE(iso7816::is_get_uid_command(iso7816::Bytes{0xFF, 0xCA, 0x00, 0x00}));
    EXPECT_EQ(iso7816::get_uid_answer(iso7816::Bytes{0x04, 0x01}), (iso7816::Bytes{0x04, 0x01, 0x90, 0x00}));
    EXPECT_EQ(iso7816::get_uid_answer({}), (iso7816::Bytes{0x6A, 0x81}));
}

TEST(PlainContactlessCard, TheCardItselfRefusesEveryCommandButTheReaderGivesItsUid) {
    sim::PlainContactlessCard card(iso7816::Bytes{0x04, 0xA1, 0xB2, 0xC3});
    sim::InProcessCardChannel channel(card);
    const auto select = channel.transmit_raw(iso7816::Bytes{0x00, 0xA4, 0x04, 0x0C, 0x01, 0xA0});
    ASSERT_TRUE(select);
    EXPECT_EQ(*select, (iso7816::Bytes{0x6A, 0x82}));
    const auto uid = channel.transmit_raw(iso7816::get_uid_command());
    ASSERT_TRUE(uid);
    EXPECT_EQ(*uid, (iso7816::Bytes{0x04, 0xA1, 0xB2, 0xC3, 0x90, 0x00}));
    const iso7816::Bytes atr = card.atr();
    std::uint8_t check = 0;
    for (std::size_t i = 1; i < atr.size(); ++i) check ^= atr[i];
    EXPECT_EQ(check, 0);  // TCK makes the XOR of T0..TCK zero
}

TEST(CardIdentity, TheReaderReportsTheUidOfTheCardInTheField) {
    sim::SimulatedContactlessPort port;
    IcaoChipReader reader(port, DocumentReadOptions{});
    auto nothing = reader.read_card_identity(20ms);
    ASSERT_TRUE(nothing) << nothing.error().detail;
    EXPECT_EQ(*nothing, std::nullopt);

    port.present(std::make_shared<sim::PlainContactlessCard>(iso7816::Bytes{0x04, 0xA1, 0xB2, 0xC3}));
    auto identity = reader.read_card_identity(5s);
    ASSERT_TRUE(identity) << identity.error().detail;
    EXPECT_EQ(*identity, "04A1B2C3");

    port.remove();
    auto gone = reader.read_card_identity(20ms);
    ASSERT_TRUE(gone);
    EXPECT_EQ(*gone, std::nullopt);
}

TEST(CardIdentity, AReaderFaultIsAFaultAndAnUnpluggedReaderShowsInStatus) {
    sim::SimulatedContactlessPort port;
    IcaoChipReader reader(port, DocumentReadOptions{});
    port.present(std::make_shared<sim::PlainContactlessCard>(iso7816::Bytes{0x04, 0x01, 0x02, 0x03}));
    port.faults().fail_next(FaultKind::Timeout);
    auto timed_out = reader.read_card_identity(5s);
    ASSERT_FALSE(timed_out);
    EXPECT_EQ(timed_out.error().kind, FaultKind::Timeout);
    port.faults().set_unplugged(true);
    auto unplugged = reader.read_card_identity(5s);
    ASSERT_FALSE(unplugged);
    EXPECT_EQ(unplugged.error().kind, FaultKind::Unplugged);
    EXPECT_EQ(reader.status().fault, FaultKind::Unplugged);
    port.faults().set_unplugged(false);
    auto back = reader.read_card_identity(5s);
    ASSERT_TRUE(back) << back.error().detail;
    EXPECT_EQ(*back, "04010203");
    EXPECT_TRUE(reader.status().ready);
}

}  // namespace
}  // namespace hk::drivers::icao9303
