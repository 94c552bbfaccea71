// The screen of a kiosk that could not start: what the citizen reads in every language, and the fault's code
// and reason for the technician. (The kiosk binary showing it, and holding it, is in the e2e tests.)
#include <gtest/gtest.h>

#include <algorithm>

#include "app/startup_fault.h"
#include "kiosk/view.h"

namespace hk::kiosk::testing {
namespace {

bool has_line(const ui::ViewModel& view, std::string_view line) {
    return std::find(view.lines.begin(), view.lines.end(), line) != view.lines.end();
}

TEST(StartupFaultView, TellsTheCitizenInEveryLanguageAndTheTechnicianWhy) {
    const ui::ViewModel view = startup_fault_view(ops::EventId::StartupFailed, "journal: disk full");
    EXPECT_EQ(view.screen, "out_of_service");
    EXPECT_EQ(view.tone, ui::Tone::Error);
    EXPECT_EQ(view.title, text(Language::Chinese, "out_of_service.title"));
    for (Language language : kAllLanguages) {
        const std::string_view not_started = text(language, "out_of_service.not_started");
        EXPECT_NE(not_started, "out_of_service.not_started") << tag(language) << " has no text";
        EXPECT_TRUE(has_line(view, not_started)) << tag(language);
        EXPECT_TRUE(has_line(view, text(language, "out_of_service.note"))) << tag(language);
    }
    EXPECT_EQ(view.lines.back(), "E1002 startup_failed: journal: disk full");
    EXPECT_TRUE(view.buttons.empty()) << "nothing to tap on a kiosk that is not running";
    EXPECT_TRUE(view.toolbar.empty());
}

TEST(StartupFaultView, NamesTheEventThatStoppedTheStart) {
    const ui::ViewModel view = startup_fault_view(ops::EventId::ConfigInvalid, "kiosk.json: line 3");
    EXPECT_EQ(view.lines.back(), "E1003 config_invalid: kiosk.json: line 3");
}

}  // namespace
}  // namespace hk::kiosk::testing
