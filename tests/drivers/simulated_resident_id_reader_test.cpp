// The simulated resident ID reader must behave as the kiosk's worker expects a real one to: block until a
// card comes, report each presentation once, and fail with the fault a test injected.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "drivers/sim/simulated_card_readers.h"

namespace hk::drivers::sim {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Long enough never to expire on a loaded machine; a test that relies on a wake-up would otherwise hang this
// long.
constexpr auto kLongWait = 10s;
constexpr auto kGenerous = 5s;

// The fault a read ended with; nullopt when it (wrongly, in the tests that use it) succeeded.
template <typename Result>
std::optional<FaultKind> fault_of(const Result& result) {
    if (result) return std::nullopt;
    return result.error().kind;
}

ResidentIdCard sample_card() {
    ResidentIdCard card;
    card.name = PersonalString{"张三"};
    card.sex = PersonalString{"男"};
    card.ethnicity = PersonalString{"汉"};
    card.birth_date = PersonalString{"19491231"};
    card.address = PersonalString{"北京市西城区某街1号"};
    card.id_number = PersonalString{"11010519491231002X"};
    card.issuing_authority = PersonalString{"北京市公安局西城分局"};
    card.valid_from = PersonalString{"20200101"};
    card.valid_until = PersonalString{"长期"};
    return card;
}

TEST(SimulatedResidentIdReader, ReturnsTheCardLyingOnIt) {
    SimulatedResidentIdReader reader;
    reader.present(sample_card());
    const auto result = reader.read_card(0ms);
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(result->has_value());
    EXPECT_EQ((*result)->id_number.reveal(), "11010519491231002X");
    EXPECT_EQ((*result)->name.reveal(), "张三");
    EXPECT_EQ((*result)->valid_until.reveal(), "长期");
}

TEST(SimulatedResidentIdReader, ReturnsNothingWhenNoCardComesInTime) {
    SimulatedResidentIdReader reader;
    const auto result = reader.read_card(30ms);
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->has_value());
}

TEST(SimulatedResidentIdReader, ReturnsACardPresentedFromAnotherThreadWhileItWaits) {
    SimulatedResidentIdReader reader;
    const auto started = Clock::now();
    auto read = std::async(std::launch::async, [&reader] { return reader.read_card(kLongWait); });
    std::this_thread::sleep_for(50ms);  // let the reader block first (not required for correctness)
    reader.present(sample_card());
    const auto result = read.get();
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(result->has_value()) << "the presented card should have woken the waiting read";
    EXPECT_EQ((*result)->id_number.reveal(), "11010519491231002X");
    EXPECT_LT(Clock::now() - started, kGenerous);
}

TEST(SimulatedResidentIdReader, ReportsEachPresentationOnce) {
    SimulatedResidentIdReader reader;
    reader.present(sample_card());
    ASSERT_TRUE(reader.read_card(0ms).value().has_value());
    const auto again = reader.read_card(30ms);
    ASSERT_TRUE(again.has_value());
    EXPECT_FALSE(again->has_value()) << "a card left on the reader must not be read twice";
    EXPECT_EQ(reader.status().detail, "card present");
}

TEST(SimulatedResidentIdReader, PresentingAgainRearmsTheRead) {
    SimulatedResidentIdReader reader;
    reader.present(sample_card());
    ASSERT_TRUE(reader.read_card(0ms).value().has_value());
    reader.remove();
    reader.present(sample_card());
    EXPECT_TRUE(reader.read_card(0ms).value().has_value());
}

TEST(SimulatedResidentIdReader, ARemovedCardIsNotRead) {
    SimulatedResidentIdReader reader;
    reader.present(sample_card());
    reader.remove();
    EXPECT_FALSE(reader.read_card(30ms).value().has_value());
    EXPECT_EQ(reader.status().detail, "no card");
}

TEST(SimulatedResidentIdReader, ARemovalWhileWaitingDoesNotProduceACard) {
    SimulatedResidentIdReader reader;
    auto read = std::async(std::launch::async, [&reader] { return reader.read_card(200ms); });
    std::this_thread::sleep_for(20ms);
    reader.remove();
    const auto result = read.get();
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->has_value());
}

TEST(SimulatedResidentIdReader, EveryInjectedFaultReachesTheKioskAsThatFaultOfThisReader) {
    for (const FaultKind kind : {FaultKind::Timeout, FaultKind::CardRemoved, FaultKind::Unreadable,
                                 FaultKind::AccessDenied, FaultKind::Busy, FaultKind::IoError}) {
        SimulatedResidentIdReader reader;
        reader.present(sample_card());
        reader.faults().fail_next(kind);
        const auto result = reader.read_card(kLongWait);
        ASSERT_FALSE(result.has_value()) << to_string(kind);
        EXPECT_EQ(result.error().device, DeviceKind::ResidentIdReader);
        EXPECT_EQ(result.error().kind, kind);
        EXPECT_FALSE(result.error().detail.empty());
        EXPECT_EQ(result.error().detail.find("11010519491231002X"), std::string::npos);
        EXPECT_EQ(result.error().detail.find("张三"), std::string::npos);
    }
}

TEST(SimulatedResidentIdReader, CardRemovedMidReadTakesTheCardAway) {
    SimulatedResidentIdReader reader;
    reader.present(sample_card());
    reader.faults().fail_next(FaultKind::CardRemoved);
    ASSERT_EQ(fault_of(reader.read_card(0ms)), FaultKind::CardRemoved);
    EXPECT_EQ(reader.status().detail, "no card");
    EXPECT_FALSE(reader.read_card(30ms).value().has_value());
}

TEST(SimulatedResidentIdReader, AFailedReadLeavesTheCardToBeReadAgain) {
    SimulatedResidentIdReader reader;
    reader.present(sample_card());
    reader.faults().fail_next(FaultKind::Unreadable);
    ASSERT_EQ(fault_of(reader.read_card(0ms)), FaultKind::Unreadable);
    const auto retry = reader.read_card(0ms);
    ASSERT_TRUE(retry.has_value());
    EXPECT_TRUE(retry->has_value());
}

TEST(SimulatedResidentIdReader, AOneShotFaultWaitsForACardToStrike) {
    SimulatedResidentIdReader reader;
    reader.faults().fail_next(FaultKind::Timeout);
    EXPECT_FALSE(reader.read_card(30ms).value().has_value());
    reader.present(sample_card());
    const auto result = reader.read_card(0ms);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().kind, FaultKind::Timeout);
}

TEST(SimulatedResidentIdReader, UnpluggedFailsAtOnceWithoutWaitingForACard) {
    SimulatedResidentIdReader reader;
    reader.faults().set_unplugged(true);
    const auto started = Clock::now();
    const auto result = reader.read_card(kLongWait);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().device, DeviceKind::ResidentIdReader);
    EXPECT_EQ(result.error().kind, FaultKind::Unplugged);
    EXPECT_LT(Clock::now() - started, kGenerous);
}

TEST(SimulatedResidentIdReader, StatusTellsUnpluggedFromReady) {
    SimulatedResidentIdReader reader;
    DeviceStatus status = reader.status();
    EXPECT_TRUE(status.ready);
    EXPECT_EQ(status.fault, std::nullopt);
    EXPECT_EQ(status.detail, "no card");

    reader.present(sample_card());
    EXPECT_EQ(reader.status().detail, "card present");

    reader.faults().set_unplugged(true);
    status = reader.status();
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::Unplugged);

    reader.faults().set_unplugged(false);
    EXPECT_TRUE(reader.status().ready);
    EXPECT_TRUE(reader.read_card(0ms).value().has_value()) << "plugging back in keeps the card on the reader";
}

TEST(SimulatedResidentIdReader, TakesAtLeastTheInjectedDelay) {
    SimulatedResidentIdReader reader;
    reader.present(sample_card());
    reader.faults().set_delay(40ms);
    const auto started = Clock::now();
    EXPECT_TRUE(reader.read_card(0ms).value().has_value());
    EXPECT_GE(Clock::now() - started, 40ms);
}

TEST(SimulatedResidentIdReader, KindIsTheResidentIdReader) {
    SimulatedResidentIdReader reader;
    EXPECT_EQ(reader.kind(), DeviceKind::ResidentIdReader);
}

// ---- self-test ----

// The value the self-test saw for `name`, or "" when it did not check it.
std::string checked(const SelfTestResult& result, const std::string& name) {
    for (const auto& [key, value] : result.checks) {
        if (key == name) return value;
    }
    return "";
}

TEST(SimulatedResidentIdReader, SelfTestPassesAndReportsCardPresenceWithoutReadingIt) {
    SimulatedResidentIdReader reader;
    const SelfTestResult empty = reader.self_test();
    EXPECT_TRUE(empty.passed);
    EXPECT_FALSE(empty.fault.has_value());
    EXPECT_EQ(checked(empty, "card"), "absent");

    reader.present(sample_card());
    const SelfTestResult with_card = reader.self_test();
    EXPECT_TRUE(with_card.passed);
    EXPECT_EQ(checked(with_card, "card"), "present");
    // Nothing of the card shows in what a technician sees.
    EXPECT_EQ(with_card.summary.find("张三"), std::string::npos);
    for (const auto& [key, value] : with_card.checks)
        EXPECT_EQ(value.find("11010519491231002X"), std::string::npos);
    // The self-test did not consume the presentation: the next read still gets the card.
    const auto read = reader.read_card(0ms);
    ASSERT_TRUE(read.has_value());
    EXPECT_TRUE(read->has_value());
}

TEST(SimulatedResidentIdReader, SelfTestFailsWithTheInjectedFault) {
    SimulatedResidentIdReader reader;
    reader.faults().set_unplugged(true);
    const SelfTestResult unplugged = reader.self_test();
    EXPECT_FALSE(unplugged.passed);
    EXPECT_EQ(unplugged.fault, FaultKind::Unplugged);
    EXPECT_EQ(fault_code(DeviceKind::ResidentIdReader, *unplugged.fault), "IDR-01");

    reader.faults().set_unplugged(false);
    reader.faults().fail_next(FaultKind::Timeout);
    const SelfTestResult slow = reader.self_test();
    EXPECT_FALSE(slow.passed);
    EXPECT_EQ(slow.fault, FaultKind::Timeout);
    EXPECT_TRUE(reader.self_test().passed);  // a one-shot fault strikes once
}

}  // namespace
}  // namespace hk::drivers::sim
