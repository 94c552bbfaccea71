// A few screens compared with checked-in reference images (portrait, normal theme, a quarter of the size in
// grey), so an unintended change of the look shows up in review. After an intended change, rewrite them:
//   HUKIOSK_UPDATE_REFERENCE=1 ctest -R ui_screens_test.ReferenceImages
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "kiosk/view.h"
#include "screen_camera.h"
#include "screen_routes.h"

namespace hk::ui_screens {
namespace {

constexpr int kShrink = 4;  // 1080x1920 -> 270x480
// A few grey levels per pixel on average: font hinting or SDL versions move edges, a moved or recoloured
// element moves far more.
constexpr double kMaxMeanDifference = 3.0;
constexpr std::array kReferenceScenes = {"attract", "catalogue", "review", "done"};
constexpr std::array kReferenceLanguages = {kiosk::Language::Chinese, kiosk::Language::Korean};

bool updating_references() {
    const char* update = std::getenv("HUKIOSK_UPDATE_REFERENCE");
    return update != nullptr && std::string_view(update) == "1";
}

const Scene& scene_named(std::string_view name) {
    for (const Scene& scene : every_scene()) {
        if (scene.name == name) return scene;
    }
    throw std::invalid_argument("no scene " + std::string(name));
}

TEST(ReferenceImages, PortraitScreensMatchTheCheckedInReferences) {
    const Orientation& portrait = kOrientations.front();
    auto camera = ScreenCamera::open(portrait);
    ASSERT_TRUE(camera) << camera.error();
    const ScratchFolder scratch("ui-screens-reference");
    const std::filesystem::path references = HUKIOSK_REFERENCE_DIR;
    const std::filesystem::path differing =
        std::filesystem::path(HUKIOSK_SCREENSHOT_DIR) / "reference-differs";
    for (const char* name : kReferenceScenes) {
        for (const kiosk::Language language : kReferenceLanguages) {
            const Scene& scene = scene_named(name);
            const std::string file = scene.name + "-" + std::string(kiosk::tag(language)) + ".png";
            SCOPED_TRACE(file);
            auto image = camera->shoot(view_of(scene, language, Theme::Normal), scratch.path() / file);
            ASSERT_TRUE(image) << image.error();
            const GreyImage small = image->shrink(kShrink);

            if (updating_references()) {
                std::filesystem::create_directories(references);
                auto saved = small.save(references / file);
                ASSERT_TRUE(saved) << saved.error();
                std::printf("rewrote %s\n", (references / file).c_str());
                continue;
            }
            auto reference = GreyImage::load(references / file);
            ASSERT_TRUE(reference) << reference.error() << " (HUKIOSK_UPDATE_REFERENCE=1 writes it)";
            const double difference = mean_abs_difference(small, *reference);
            std::printf("%s: mean difference %.2f grey levels\n", file.c_str(), difference);
            if (difference > kMaxMeanDifference) {
                std::filesystem::create_directories(differing);
                (void)small.save(differing / file);
                ADD_FAILURE() << "differs from the reference by " << difference
                              << " grey levels per pixel (at most " << kMaxMeanDifference
                              << "); this run's image is in " << (differing / file).string()
                              << "; if the change is intended, run with HUKIOSK_UPDATE_REFERENCE=1";
            }
        }
    }
}

}  // namespace
}  // namespace hk::ui_screens
