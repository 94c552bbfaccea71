// Supporting documents under the overhead document camera, through the real parts: the simulated camera
// films a household register page being laid down (scanner/sim/camera_scene.h), the executor looks at every
// frame with the page clean-up, sends the live preview and hints to the engine, takes the page once it lies
// still and hands it to the page reader, whose DocumentReader reads it as it reads a flatbed scan.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "app/command_executor.h"
#include "app/page_reader.h"
#include "scanner/sim/camera_scene.h"
#include "sim/simulation.h"
#include "simulated_devices.h"

namespace hk::kiosk::testing {
namespace {

using std::chrono::milliseconds;

class CameraPage : public ::testing::Test {
  protected:
    CameraPage()
        : simulation_(sim::demo_world(), {.output_dir = {}, .a4_sheets = 10, .receipt_paper_mm = 5'000}),
          devices_(devices_of(simulation_)) {}

    ExecutorOptions camera_options(PageReader* reader, milliseconds give_up = milliseconds(60'000)) {
        ExecutorOptions options;
        options.poll_slice = milliseconds(20);
        options.page_reader = reader;
        options.documents_from_camera = true;
        options.camera_frame_gap = milliseconds(0);
        options.camera_give_up = give_up;
        return options;
    }

    // The events until (and with) the first that is not a ScanPreview; the previews' hints in `hints`.
    Event previews_then_next(std::vector<std::vector<std::string>>& hints, milliseconds patience) {
        while (auto event = events_.pop_for(patience)) {
            if (auto* preview = std::get_if<ScanPreview>(&*event)) {
                EXPECT_EQ(preview->request, 7U);
                EXPECT_TRUE(preview->preview && preview->preview->valid());
                hints.push_back(preview->hints);
                continue;
            }
            return std::move(*event);
        }
        ADD_FAILURE() << "no event within " << patience.count() << " ms";
        return ClockTick{};
    }

    sim::Simulation simulation_;
    DeviceSet devices_;
    EventQueue events_;
};

TEST_F(CameraPage, APageLaidDownIsPreviewedWithHintsThenTakenWhenStillAndRead) {
    PageReader reader(events_, document_reader_factory());
    CommandExecutor executor(devices_, events_, default_catalogue(), camera_options(&reader));
    simulation_.camera.show(scanner::sim::laying_down_frames(wang_register_card(), 1600, 1200));
    executor.execute(ScanPage{7});
    std::vector<std::vector<std::string>> hints;
    const Event next = previews_then_next(hints, milliseconds(20'000));
    ASSERT_TRUE(std::holds_alternative<PageScanned>(next)) << event_name(next);
    const auto& scanned = std::get<PageScanned>(next);
    EXPECT_NE(scanned.page_id, 0) << scanned.hint.value_or("");
    // Off the top twice, moving once, then two still frames: the page is taken on the second.
    ASSERT_EQ(hints.size(), 5U);
    EXPECT_EQ(hints[0].front(), "camera_move_down");
    EXPECT_EQ(hints[1].front(), "camera_move_down");
    EXPECT_EQ(hints[2].front(), "camera_hold_still");
    EXPECT_TRUE(hints[3].empty());
    EXPECT_TRUE(hints[4].empty());

    auto read = events_.pop_for(milliseconds(120'000));
    ASSERT_TRUE(read.has_value());
    ASSERT_TRUE(std::holds_alternative<PageRead>(*read)) << event_name(*read);
    const auto& document = std::get<PageRead>(*read).document;
    ASSERT_TRUE(document.has_value()) << "the camera's page was not recognised";
    EXPECT_EQ(document->type, "household_register_page");
    const auto id = std::ranges::find(document->fields, "id_number", &ReadField::id);
    ASSERT_NE(id, document->fields.end());
    EXPECT_EQ(id->value.reveal(), "110105199005170011");
}

TEST_F(CameraPage, NoGoodFrameInTimeIsRefusedWithTheLastHint) {
    CommandExecutor executor(devices_, events_, default_catalogue(),
                             camera_options(nullptr, milliseconds(400)));
    // The page stays where it runs off the top of the picture.
    std::vector<scanner::Image> off_the_top =
        scanner::sim::laying_down_frames(wang_register_card(), 1600, 1200);
    off_the_top.resize(1);
    simulation_.camera.show(std::move(off_the_top));
    executor.execute(ScanPage{7});
    std::vector<std::vector<std::string>> hints;
    const Event next = previews_then_next(hints, milliseconds(20'000));
    ASSERT_TRUE(std::holds_alternative<PageScanned>(next)) << event_name(next);
    EXPECT_EQ(std::get<PageScanned>(next).page_id, 0);
    EXPECT_EQ(std::get<PageScanned>(next).hint, "camera_move_down");
    EXPECT_FALSE(hints.empty());
    EXPECT_EQ(executor.pages().count(), 0U);
}

TEST_F(CameraPage, ACameraFaultEndsTheScanAsAScannerFaultDoes) {
    CommandExecutor executor(devices_, events_, default_catalogue(), camera_options(nullptr));
    simulation_.camera.faults().set_unplugged(true);
    executor.execute(ScanPage{7});
    std::vector<std::vector<std::string>> hints;
    const Event next = previews_then_next(hints, milliseconds(20'000));
    ASSERT_TRUE(std::holds_alternative<DeviceFailed>(next)) << event_name(next);
    EXPECT_EQ(std::get<DeviceFailed>(next).fault.kind, drivers::FaultKind::Unplugged);
}

TEST_F(CameraPage, CancellingStopsLookingAtFrames) {
    CommandExecutor executor(devices_, events_, default_catalogue(), camera_options(nullptr));
    std::vector<scanner::Image> off_the_top =
        scanner::sim::laying_down_frames(wang_register_card(), 1600, 1200);
    off_the_top.resize(1);
    simulation_.camera.show(std::move(off_the_top));
    executor.execute(ScanPage{7});
    ASSERT_TRUE(events_.pop_for(milliseconds(20'000)).has_value()) << "no first preview";
    executor.execute(CancelReads{});
    // At most the frame being looked at when it was cancelled comes after; then nothing.
    (void)events_.pop_for(milliseconds(2'000));
    EXPECT_FALSE(events_.pop_for(milliseconds(1'000)).has_value());
}

}  // namespace
}  // namespace hk::kiosk::testing
