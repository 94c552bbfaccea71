#include "drivers/personal_string.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <utility>

namespace hk::drivers {
namespace {

// Longer than any short-string buffer, so the heap path is exercised as well as the in-place one.
const std::string kLong = "ZHANG SAN, NO. 1 XICHENG DISTRICT, BEIJING, 110105194912310021";

TEST(PersonalString, RevealsWhatItHolds) {
    const PersonalString name{"张三"};
    EXPECT_EQ(name.reveal(), "张三");
    EXPECT_EQ(name.size(), std::string{"张三"}.size());
    EXPECT_FALSE(name.empty());
}

TEST(PersonalString, WipeLeavesItEmpty) {
    for (const std::string& text : {std::string{"short"}, kLong}) {
        PersonalString value{text};
        value.wipe();
        EXPECT_TRUE(value.empty());
        EXPECT_EQ(value.reveal(), "");
        value.wipe();  // wiping twice is harmless
        EXPECT_TRUE(value.empty());
    }
}

TEST(PersonalString, MoveConstructionLeavesTheSourceEmpty) {
    for (const std::string& text : {std::string{"short"}, kLong}) {
        PersonalString source{text};
        const PersonalString target{std::move(source)};
        EXPECT_EQ(target.reveal(), text);
        EXPECT_TRUE(source.empty());  // NOLINT(bugprone-use-after-move): the emptiness is the contract
    }
}

TEST(PersonalString, MoveAssignmentLeavesTheSourceEmptyAndReplacesTheTarget) {
    for (const std::string& text : {std::string{"short"}, kLong}) {
        PersonalString source{text};
        PersonalString target{"previous value"};
        target = std::move(source);
        EXPECT_EQ(target.reveal(), text);
        EXPECT_TRUE(source.empty());  // NOLINT(bugprone-use-after-move)
    }
}

TEST(PersonalString, CopiesCompareEqualAndAreIndependent) {
    const PersonalString original{kLong};
    PersonalString copy{original};
    EXPECT_EQ(copy, original);
    PersonalString assigned;
    assigned = original;
    EXPECT_EQ(assigned, original);
    copy.wipe();
    EXPECT_EQ(original.reveal(), kLong);
    EXPECT_FALSE(copy == original);
}

TEST(WipeBytes, ZeroesTheWholeBuffer) {
    std::array<std::uint8_t, 64> buffer{};
    buffer.fill(0xA5);
    wipe_bytes(buffer.data(), buffer.size());
    for (const std::uint8_t byte : buffer) EXPECT_EQ(byte, 0);
}

TEST(WipeBytes, AcceptsAnEmptyBuffer) {
    wipe_bytes(nullptr, 0);
    std::array<std::uint8_t, 1> one{7};
    wipe_bytes(one.data(), 0);
    EXPECT_EQ(one[0], 7);
}

}  // namespace
}  // namespace hk::drivers
