// The simulated document camera's frames are what the clean-up's quality hints are meant for: a page run off
// the top, a page still moving, then a page at rest that passes.
#include <gtest/gtest.h>

#include "scanner/page_cleanup/page_cleanup.h"
#include "scanner/sim/camera_scene.h"
#include "test_page.h"

namespace hk::scanner::page::test {
namespace {

constexpr int kFrameWidth = 1600;
constexpr int kFrameHeight = 1200;

QualityReport quality_of(const Image& frame) {
    CleanupOptions options;
    options.source = Source::Camera;
    options.detect_orientation = false;
    auto cleaned = clean_page(frame, options);
    EXPECT_TRUE(cleaned.has_value()) << (cleaned ? "" : cleaned.error());
    return cleaned ? cleaned->quality : QualityReport{};
}

TEST(CameraScene, LayingAPageDownGoesFromOffTheTopToMovingToStill) {
    const Image page = to_image(render_text_page(cv::Size(1240, 1754), 30));
    const std::vector<Image> frames = sim::laying_down_frames(page, kFrameWidth, kFrameHeight);
    ASSERT_EQ(frames.size(), 4U);
    for (const Image& frame : frames) {
        EXPECT_EQ(frame.width, kFrameWidth);
        EXPECT_EQ(frame.height, kFrameHeight);
        EXPECT_EQ(frame.channels, 3);
    }
    EXPECT_TRUE(quality_of(frames[0]).has(Hint::PageOutOfFrameTop));
    EXPECT_TRUE(quality_of(frames[1]).has(Hint::PageOutOfFrameTop));
    EXPECT_TRUE(quality_of(frames[2]).has(Hint::HoldStill));
    const QualityReport still = quality_of(frames[3]);
    EXPECT_TRUE(still.hints.empty()) << "first hint: "
                                     << (still.hints.empty() ? "" : to_string(still.hints[0]))
                                     << ", sharpness " << still.sharpness << ", text "
                                     << still.text_height_px;
}

TEST(CameraScene, ThePageAtRestIsFoundWhereItWasPut) {
    const Image page = to_image(render_text_page(cv::Size(1240, 1754), 30));
    const Quad rest = sim::resting_quad(kFrameWidth, kFrameHeight, 1754.0 / 1240.0);
    auto found = find_page_outline(sim::photograph(page, rest, kFrameWidth, kFrameHeight));
    ASSERT_TRUE(found.has_value()) << found.error();
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_NEAR(found->corners[i].x, rest.corners[i].x, 6.0) << "corner " << i;
        EXPECT_NEAR(found->corners[i].y, rest.corners[i].y, 6.0) << "corner " << i;
    }
}

}  // namespace
}  // namespace hk::scanner::page::test
