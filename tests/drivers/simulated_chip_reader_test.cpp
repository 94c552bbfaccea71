// The simulated chip reader: the same presentation rules as the ID card reader, plus BAC's refusal of a wrong
// key.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "drivers/sim/simulated_card_readers.h"

namespace hk::drivers::sim {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kLongWait = 10s;
constexpr auto kGenerous = 5s;

// The fault a read ended with; nullopt when it (wrongly, in the tests that use it) succeeded.
template <typename Result>
std::optional<FaultKind> fault_of(const Result& result) {
    if (result) return std::nullopt;
    return result.error().kind;
}

// The ICAO 9303 specimen (Anna Maria Eriksson, Utopia), as a chip would hold it in DG1 and DG2.
SimulatedChip specimen_chip() {
    SimulatedChip chip;
    ChipDocument& d = chip.document;
    d.document_type = PersonalString{"P"};
    d.issuing_state = PersonalString{"UTO"};
    d.surname = PersonalString{"ERIKSSON"};
    d.given_names = PersonalString{"ANNA MARIA"};
    d.document_number = PersonalString{"L898902C3"};
    d.nationality = PersonalString{"UTO"};
    d.birth_date = PersonalString{"740812"};
    d.sex = PersonalString{"F"};
    d.expiry_date = PersonalString{"120415"};
    d.personal_number = PersonalString{"ZE184226B"};
    d.face_image = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10};  // start of a JPEG
    return chip;
}

ChipAccessKey key(std::string_view number, std::string_view birth, std::string_view expiry) {
    return ChipAccessKey{PersonalString{number}, PersonalString{birth}, PersonalString{expiry}};
}

ChipAccessKey right_key() {
    return key("L898902C3", "740812", "120415");
}

TEST(SimulatedChip, KeyComesFromItsOwnDocument) {
    const ChipAccessKey chip_key = specimen_chip().key();
    EXPECT_EQ(chip_key.document_number.reveal(), "L898902C3");
    EXPECT_EQ(chip_key.birth_date.reveal(), "740812");
    EXPECT_EQ(chip_key.expiry_date.reveal(), "120415");
}

TEST(SimulatedChipReader, ReadsTheChipWithTheRightKey) {
    SimulatedChipReader reader;
    reader.present(specimen_chip());
    const auto result = reader.read_document(right_key(), 0ms);
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(result->has_value());
    EXPECT_EQ((*result)->surname.reveal(), "ERIKSSON");
    EXPECT_EQ((*result)->personal_number.reveal(), "ZE184226B");
    EXPECT_EQ((*result)->face_image, (std::vector<std::uint8_t>{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10}));
}

TEST(SimulatedChipReader, RefusesAKeyWithAnyWrongPart) {
    for (const ChipAccessKey& wrong :
         {key("L898902C4", "740812", "120415"), key("L898902C3", "740813", "120415"),
          key("L898902C3", "740812", "120416"), key("", "", "")}) {
        SimulatedChipReader reader;
        reader.present(specimen_chip());
        const auto result = reader.read_document(wrong, 0ms);
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().device, DeviceKind::ChipReader);
        EXPECT_EQ(result.error().kind, FaultKind::AccessDenied);
        EXPECT_EQ(result.error().detail.find("L898902C"), std::string::npos);
    }
}

TEST(SimulatedChipReader, ARefusedKeyLeavesTheChipToBeOpenedWithTheRightOne) {
    SimulatedChipReader reader;
    reader.present(specimen_chip());
    ASSERT_EQ(fault_of(reader.read_document(key("X00000000", "740812", "120415"), 0ms)),
              FaultKind::AccessDenied);
    const auto result = reader.read_document(right_key(), 0ms);
    ASSERT_TRUE(result.has_value());
    EXPECT_TRUE(result->has_value());
}

TEST(SimulatedChipReader, FillersPaddingAShortDocumentNumberDoNotMatter) {
    SimulatedChip chip = specimen_chip();
    chip.document.document_number = PersonalString{"D2314589"};
    for (const char* number : {"D2314589", "D2314589<"}) {
        SimulatedChipReader reader;
        reader.present(chip);
        const auto result = reader.read_document(key(number, "740812", "120415"), 0ms);
        ASSERT_TRUE(result.has_value()) << number;
        EXPECT_TRUE(result->has_value());
    }
}

TEST(SimulatedChipReader, ReturnsNothingWhenNoChipComesInTime) {
    SimulatedChipReader reader;
    const auto result = reader.read_document(right_key(), 30ms);
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->has_value());
}

TEST(SimulatedChipReader, ReturnsAChipPresentedFromAnotherThreadWhileItWaits) {
    SimulatedChipReader reader;
    const ChipAccessKey access = right_key();
    const auto started = Clock::now();
    auto read = std::async(std::launch::async, [&] { return reader.read_document(access, kLongWait); });
    std::this_thread::sleep_for(50ms);
    reader.present(specimen_chip());
    const auto result = read.get();
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(result->has_value()) << "the presented chip should have woken the waiting read";
    EXPECT_EQ((*result)->document_number.reveal(), "L898902C3");
    EXPECT_LT(Clock::now() - started, kGenerous);
}

TEST(SimulatedChipReader, ReportsEachPresentationOnceAndRearmsOnTheNext) {
    SimulatedChipReader reader;
    reader.present(specimen_chip());
    ASSERT_TRUE(reader.read_document(right_key(), 0ms).value().has_value());
    EXPECT_FALSE(reader.read_document(right_key(), 30ms).value().has_value());
    reader.present(specimen_chip());
    EXPECT_TRUE(reader.read_document(right_key(), 0ms).value().has_value());
}

TEST(SimulatedChipReader, ARemovedChipIsNotRead) {
    SimulatedChipReader reader;
    reader.present(specimen_chip());
    reader.remove();
    EXPECT_FALSE(reader.read_document(right_key(), 30ms).value().has_value());
    EXPECT_EQ(reader.status().detail, "no card");
}

TEST(SimulatedChipReader, EveryInjectedFaultReachesTheKioskAsThatFaultOfThisReader) {
    for (const FaultKind kind : {FaultKind::Timeout, FaultKind::CardRemoved, FaultKind::Unreadable,
                                 FaultKind::AccessDenied, FaultKind::Busy, FaultKind::IoError}) {
        SimulatedChipReader reader;
        reader.present(specimen_chip());
        reader.faults().fail_next(kind);
        const auto result = reader.read_document(right_key(), kLongWait);
        ASSERT_FALSE(result.has_value()) << to_string(kind);
        EXPECT_EQ(result.error().device, DeviceKind::ChipReader);
        EXPECT_EQ(result.error().kind, kind);
        EXPECT_FALSE(result.error().detail.empty());
        EXPECT_EQ(result.error().detail.find("ERIKSSON"), std::string::npos);
    }
}

TEST(SimulatedChipReader, ChipPulledAwayMidReadIsGoneFromTheField) {
    SimulatedChipReader reader;
    reader.present(specimen_chip());
    reader.faults().fail_next(FaultKind::CardRemoved);
    ASSERT_EQ(fault_of(reader.read_document(right_key(), 0ms)), FaultKind::CardRemoved);
    EXPECT_EQ(reader.status().detail, "no card");
    EXPECT_FALSE(reader.read_document(right_key(), 30ms).value().has_value());
}

TEST(SimulatedChipReader, UnpluggedFailsAtOnceAndShowsInStatus) {
    SimulatedChipReader reader;
    reader.faults().set_unplugged(true);
    const auto started = Clock::now();
    const auto result = reader.read_document(right_key(), kLongWait);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().device, DeviceKind::ChipReader);
    EXPECT_EQ(result.error().kind, FaultKind::Unplugged);
    EXPECT_LT(Clock::now() - started, kGenerous);

    const DeviceStatus status = reader.status();
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::Unplugged);
}

TEST(SimulatedChipReader, StatusSaysWhetherAChipIsInTheField) {
    SimulatedChipReader reader;
    EXPECT_TRUE(reader.status().ready);
    EXPECT_EQ(reader.status().detail, "no card");
    reader.present(specimen_chip());
    EXPECT_EQ(reader.status().detail, "card present");
    EXPECT_EQ(reader.kind(), DeviceKind::ChipReader);
}

// ---- self-test ----

// The value the self-test saw for `name`, or "" when it did not check it.
std::string checked(const SelfTestResult& result, const std::string& name) {
    for (const auto& [key, value] : result.checks) {
        if (key == name) return value;
    }
    return "";
}

TEST(SimulatedChipReader, SelfTestPassesAndReportsCardPresenceWithoutReadingIt) {
    SimulatedChipReader reader;
    const SelfTestResult empty = reader.self_test();
    EXPECT_TRUE(empty.passed);
    EXPECT_FALSE(empty.fault.has_value());
    EXPECT_EQ(checked(empty, "card"), "absent");

    reader.present(specimen_chip());
    const SelfTestResult with_card = reader.self_test();
    EXPECT_TRUE(with_card.passed);
    EXPECT_EQ(checked(with_card, "card"), "present");
    // Nothing of the card shows in what a technician sees.
    EXPECT_EQ(with_card.summary.find("ERIKSSON"), std::string::npos);
    for (const auto& [key, value] : with_card.checks) EXPECT_EQ(value.find("L898902C3"), std::string::npos);
    // The self-test did not consume the presentation: the next read still gets the card.
    const auto read = reader.read_document(specimen_chip().key(), 0ms);
    ASSERT_TRUE(read.has_value());
    EXPECT_TRUE(read->has_value());
}

TEST(SimulatedChipReader, SelfTestFailsWithTheInjectedFault) {
    SimulatedChipReader reader;
    reader.faults().set_unplugged(true);
    const SelfTestResult unplugged = reader.self_test();
    EXPECT_FALSE(unplugged.passed);
    EXPECT_EQ(unplugged.fault, FaultKind::Unplugged);
    EXPECT_EQ(fault_code(DeviceKind::ChipReader, *unplugged.fault), "CHP-01");

    reader.faults().set_unplugged(false);
    reader.faults().fail_next(FaultKind::Timeout);
    const SelfTestResult slow = reader.self_test();
    EXPECT_FALSE(slow.passed);
    EXPECT_EQ(slow.fault, FaultKind::Timeout);
    EXPECT_TRUE(reader.self_test().passed);  // a one-shot fault strikes once
}

TEST(SimulatedChipReader, ReportsTheUidOfWhateverCardIsInTheFieldReadOrNot) {
    SimulatedChipReader reader;
    auto none = reader.read_card_identity(20ms);
    ASSERT_TRUE(none);
    EXPECT_EQ(*none, std::nullopt);

    SimulatedChip chip = specimen_chip();
    chip.uid = "04A1B2C3";
    reader.present(chip);
    ASSERT_TRUE(reader.read_document(right_key(), kLongWait));  // read, yet still in the field
    auto identity = reader.read_card_identity(kLongWait);
    ASSERT_TRUE(identity);
    EXPECT_EQ(*identity, "04A1B2C3");

    reader.faults().fail_next(FaultKind::IoError);
    EXPECT_EQ(fault_of(reader.read_card_identity(kLongWait)), FaultKind::IoError);
    reader.faults().set_unplugged(true);
    EXPECT_EQ(fault_of(reader.read_card_identity(kLongWait)), FaultKind::Unplugged);
}

TEST(SimulatedChipReader, ACardWithoutAUidHasNoIdentity) {
    SimulatedChipReader reader;
    reader.present(specimen_chip());
    auto identity = reader.read_card_identity(kGenerous);
    ASSERT_TRUE(identity);
    EXPECT_EQ(*identity, std::nullopt);
}

}  // namespace
}  // namespace hk::drivers::sim
