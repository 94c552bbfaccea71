#include <gtest/gtest.h>

#include "app/script.h"

namespace hk::kiosk::testing {
namespace {

TEST(Script, ParsesStepsAndSkipsComments) {
    auto steps =
        parse_script("# a citizen\nexpect attract\n\ntap start   # go\npresent id_card 0\nwait 200\n");
    ASSERT_TRUE(steps.has_value()) << steps.error();
    ASSERT_EQ(steps->size(), 4u);
    EXPECT_EQ((*steps)[1].verb, "tap");
    EXPECT_EQ((*steps)[1].args, std::vector<std::string>{"start"});
    EXPECT_EQ((*steps)[1].line, 4);
}

TEST(Script, RejectsUnknownStepsAndWrongWordCountsWithTheLine) {
    auto unknown = parse_script("expect attract\nfly away\n");
    ASSERT_FALSE(unknown.has_value());
    EXPECT_NE(unknown.error().find("line 2"), std::string::npos);
    EXPECT_FALSE(parse_script("tap\n").has_value());
    EXPECT_FALSE(parse_script("wait soon\n").has_value());
    EXPECT_FALSE(parse_script("expect attract later\n").has_value());
    EXPECT_FALSE(parse_script("slow a4_printer soon\n").has_value());
    EXPECT_TRUE(parse_script("slow a4_printer 1500\n").has_value());
    EXPECT_TRUE(parse_script("tap confirm 60\n").has_value());
    EXPECT_FALSE(parse_script("tap confirm soon\n").has_value());
}

TEST(Script, TapsOnlyWhatTheScreenOffersAndFailsOnTimeout) {
    EventQueue events;
    ScriptRunner runner(*parse_script("tap start\n"), nullptr, events);
    ui::ViewModel view;
    view.screen = "attract";
    view.buttons.push_back({"start", "Start", true, false});  // shown but disabled
    EXPECT_EQ(runner.advance(view, std::chrono::milliseconds(0)), ScriptRunner::Status::Running);
    EXPECT_FALSE(events.try_pop().has_value());
    view.buttons.back().enabled = true;
    EXPECT_EQ(runner.advance(view, std::chrono::milliseconds(10)), ScriptRunner::Status::Running);
    auto tapped = events.try_pop();
    ASSERT_TRUE(tapped.has_value());
    EXPECT_EQ(std::get<UserAction>(*tapped).action, "start");
    EXPECT_EQ(runner.advance(view, std::chrono::milliseconds(20)), ScriptRunner::Status::Finished);

    ScriptRunner stuck(*parse_script("expect done 1\n"), nullptr, events);
    EXPECT_EQ(stuck.advance(view, std::chrono::milliseconds(0)), ScriptRunner::Status::Running);
    EXPECT_EQ(stuck.advance(view, std::chrono::milliseconds(1'000)), ScriptRunner::Status::Failed);
    EXPECT_NE(stuck.failure().find("expected screen done"), std::string::npos);
}

TEST(Script, SimulationStepsNeedASimulation) {
    EventQueue events;
    ScriptRunner runner(*parse_script("present id_card 0\n"), nullptr, events);
    EXPECT_EQ(runner.advance({}, std::chrono::milliseconds(0)), ScriptRunner::Status::Failed);
}

}  // namespace
}  // namespace hk::kiosk::testing
