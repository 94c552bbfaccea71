// Every screen the engine can show, in every language, orientation and theme, drawn headless and kept as a
// screenshot in the build tree (screenshots/<orientation>/<theme>/<screen>-<language>.png) for people to look
// at; each is checked to be painted, to be the intended screen, and to have room for all its buttons (and,
// on the portrait screen in the normal theme, for all its text and whole button labels).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <optional>

#include "font_measure.h"
#include "kiosk/view.h"
#include "screen_camera.h"
#include "screen_routes.h"

namespace hk::ui_screens {
namespace {

// A screen painted in one colour has no variance; a title alone already gives hundreds.
constexpr double kMinPaintedVariance = 25.0;

TEST(ScreenTable, EveryScreenHasAWayToReachIt) {
    for (const kiosk::Screen screen : screens_without_scene(every_scene())) {
        ADD_FAILURE() << "no scene in screen_routes.cpp reaches screen " << kiosk::to_string(screen);
    }
}

TEST(ScreenTable, AScreenLeftOutIsNamed) {
    std::vector<Scene> scenes = every_scene();
    std::erase_if(scenes, [](const Scene& scene) { return scene.screen == kiosk::Screen::Review; });
    EXPECT_EQ(screens_without_scene(scenes), std::vector{kiosk::Screen::Review});
}

TEST(ScreenTable, EverySceneEndsOnItsScreenAndTheViewSaysSo) {
    for (const Scene& scene : every_scene()) {
        for (const kiosk::Language language : kiosk::kAllLanguages) {
            const ui::ViewModel view = view_of(scene, language, Theme::Normal);
            EXPECT_EQ(view.screen, kiosk::to_string(scene.screen)) << scene.name;
            EXPECT_EQ(view.language, kiosk::tag(language)) << scene.name;
            EXPECT_FALSE(view.title.empty()) << scene.name;
        }
    }
}

struct Axis {
    Orientation orientation;
    Theme theme;
};

void PrintTo(const Axis& axis, std::ostream* out) {
    *out << axis.orientation.name << " " << name_of(axis.theme);
}

std::vector<Axis> every_orientation_and_theme() {
    std::vector<Axis> axes;
    for (const Orientation& orientation : kOrientations) {
        for (const Theme theme : kThemes) axes.push_back({orientation, theme});
    }
    return axes;
}

// A screenshot written and waiting to be read back: reading it overlaps drawing the next one.
struct PendingCheck {
    std::filesystem::path png;
    int content_top = 0;  // below the tone band, which alone would make an empty screen look painted
    std::future<std::expected<GreyImage, std::string>> image;
};

// One case per orientation and theme, so that ctest runs them side by side.
class ScreenMatrix : public ::testing::TestWithParam<Axis> {};

TEST_P(ScreenMatrix, EveryScreenInEveryLanguageIsDrawnWithRoomForItsButtons) {
    const auto started = std::chrono::steady_clock::now();
    const auto& [orientation, theme] = GetParam();
    auto font = FontMeasure::open();
    ASSERT_TRUE(font) << font.error();
    auto camera = ScreenCamera::open(orientation);
    ASSERT_TRUE(camera) << camera.error();

    int shots = 0;
    int cut_off_labels = 0;
    double least_variance = 1e9;
    std::string least_painted;
    std::optional<PendingCheck> pending;
    const auto check_painted = [&](PendingCheck& check) {
        SCOPED_TRACE(check.png.string());
        auto image = check.image.get();
        ASSERT_TRUE(image) << image.error();
        const double variance =
            image->variance({0, check.content_top, image->width(), image->height() - check.content_top});
        EXPECT_GE(variance, kMinPaintedVariance) << "the screen looks blank";
        if (variance < least_variance) {
            least_variance = variance;
            least_painted = check.png.filename().string();
        }
    };

    for (const kiosk::Language language : kiosk::kAllLanguages) {
        for (const Scene& scene : every_scene()) {
            const auto png =
                screenshot_path(HUKIOSK_SCREENSHOT_DIR, orientation, theme, scene.name, language);
            SCOPED_TRACE(png.string());
            const ui::ViewModel view = view_of(scene, language, theme);
            EXPECT_EQ(view.screen, kiosk::to_string(scene.screen));

            const ui::ScreenLayout layout = lay_out_as_drawn(view, camera->size(), **font);
            EXPECT_EQ(layout.hidden_buttons, 0U) << "of " << view.buttons.size() << " buttons";
            // The kiosk's own screen shows everything; elsewhere cut-off text is reported, not yet refused.
            const bool everything_shown = orientation.name == "portrait" && theme == Theme::Normal;
            if (everything_shown) {
                EXPECT_EQ(layout.hidden_lines, 0U) << "of " << view.lines.size() << " lines";
            }
            for (const std::string& label : cut_off_button_labels(view, layout, **font)) {
                if (everything_shown) ADD_FAILURE() << "button label cut off: " << label;
                ++cut_off_labels;
                std::printf("button label cut off in %s: %s\n",
                            png.lexically_relative(HUKIOSK_SCREENSHOT_DIR).c_str(), label.c_str());
            }

            auto saved = camera->save(view, png);
            ASSERT_TRUE(saved) << saved.error();
            ++shots;
            if (pending) check_painted(*pending);
            pending = PendingCheck{png, layout.tone_band.bottom(),
                                   std::async(std::launch::async, [png] { return GreyImage::load(png); })};
        }
    }
    if (pending) check_painted(*pending);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf(
        "%s/%s: %d screenshots in %.1f s (%.0f ms each); least variance %.0f (%s); %d button labels "
        "cut off\n",
        orientation.name.c_str(), name_of(theme).c_str(), shots, seconds, 1000.0 * seconds / shots,
        least_variance, least_painted.c_str(), cut_off_labels);
}

std::string axis_name(const ::testing::TestParamInfo<Axis>& info) {
    return info.param.orientation.name + "_" + name_of(info.param.theme);
}

INSTANTIATE_TEST_SUITE_P(EveryOrientationAndTheme, ScreenMatrix,
                         ::testing::ValuesIn(every_orientation_and_theme()), axis_name);

}  // namespace
}  // namespace hk::ui_screens
