// The scan screen while the overhead document camera looks for the page: its live picture and the one thing
// the citizen should do, only for the scan under way, gone once the page is taken or the citizen leaves.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "engine_driver.h"
#include "kiosk/view.h"

namespace hk::kiosk::testing {
namespace {

std::shared_ptr<const ui::Photo> preview_frame() {
    return std::make_shared<const ui::Photo>(4, 3, std::vector<std::uint8_t>(4 * 3 * 3, 128));
}

bool shows(const ui::ViewModel& view, std::string_view text) {
    return std::ranges::any_of(view.lines, [&](const std::string& line) { return line.contains(text); });
}

void to_scanning_household_book(Driver& d) {
    d.to_checking("household_book");
    d.answer_eligibility(Verdict::Eligible);
    ASSERT_EQ(d.screen(), Screen::ScanDocuments);
    d.tap("scan");
    ASSERT_TRUE(d.session().scanning);
}

TEST(CameraPreview, TheScanScreenShowsTheLivePictureAndTheFirstThingToDo) {
    Driver d;
    to_scanning_household_book(d);
    const auto frame = preview_frame();
    d.apply(ScanPreview{d.pending(), frame, {"camera_hold_still", "camera_move_closer"}});
    const ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_EQ(view.photo, frame);
    EXPECT_TRUE(shows(view, text(Language::Chinese, "hint.camera_hold_still")));
    EXPECT_FALSE(shows(view, text(Language::Chinese, "hint.camera_move_closer")))
        << "one instruction at a time: the first is the one that helps";
    // A good frame: nothing to do but wait while it is taken.
    d.apply(ScanPreview{d.pending(), preview_frame(), {}});
    EXPECT_TRUE(shows(build_view(d.state, d.engine), text(Language::Chinese, "scan.camera_taking")));
}

TEST(CameraPreview, AFrameOfAnotherScanIsIgnored) {
    Driver d;
    to_scanning_household_book(d);
    d.apply(ScanPreview{d.pending() + 1, preview_frame(), {"camera_move_down"}});
    EXPECT_EQ(d.session().scan_preview, nullptr);
    EXPECT_EQ(build_view(d.state, d.engine).photo, nullptr);
}

TEST(CameraPreview, ThePictureGoesWhenThePageIsTakenOrRefused) {
    Driver d;
    to_scanning_household_book(d);
    d.apply(ScanPreview{d.pending(), preview_frame(), {"camera_move_down"}});
    d.apply(PageScanned{d.pending(), 0, "camera_move_down"});  // no good frame in time
    EXPECT_EQ(d.session().scan_preview, nullptr);
    EXPECT_TRUE(d.session().scan_hints.empty());
    const ui::ViewModel refused = build_view(d.state, d.engine);
    EXPECT_EQ(refused.photo, nullptr);
    EXPECT_TRUE(shows(refused, text(Language::Chinese, "hint.camera_move_down")))
        << "the hint stays as advice";

    d.tap("scan");
    d.apply(ScanPreview{d.pending(), preview_frame(), {}});
    d.apply(PageScanned{d.pending(), 42});
    EXPECT_EQ(d.session().scan_preview, nullptr);
    EXPECT_EQ(d.session().pages.size(), 1U);
}

TEST(CameraPreview, LeavingTheScreenDropsThePictureAndStopsTheCamera) {
    Driver d;
    to_scanning_household_book(d);
    d.apply(ScanPreview{d.pending(), preview_frame(), {"camera_glare"}});
    const auto& commands = d.tap("cancel");
    EXPECT_TRUE(std::ranges::any_of(commands,
                                    [](const Command& c) { return std::holds_alternative<CancelReads>(c); }));
    EXPECT_FALSE(d.state.session.has_value() && d.session().scan_preview != nullptr);
}

TEST(CameraPreview, TheLogNamesTheHintsNotThePicture) {
    const std::string line =
        describe_for_log(ScanPreview{7, preview_frame(), {"camera_move_down", "camera_glare"}});
    EXPECT_EQ(line, "ScanPreview request=7 hints=camera_move_down,camera_glare");
    EXPECT_EQ(describe_for_log(ScanPreview{7, nullptr, {}}), "ScanPreview request=7 hints=none");
}

}  // namespace
}  // namespace hk::kiosk::testing
