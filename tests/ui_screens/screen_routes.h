// How a citizen reaches each screen, through the real session engine with realistic data: one scene per
// screen at least, so a screen added to the engine without a way here is caught by the table's own test.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine_driver.h"
#include "kiosk/language.h"
#include "screen_matrix.h"
#include "ui/view_model.h"

namespace hk::ui_screens {

struct Scene {
    std::string name;  // file name of its screenshots: the screen id, or the screen id and what differs
    kiosk::Screen screen;
    std::function<void(kiosk::testing::Driver&)> reach;
};

const std::vector<Scene>& every_scene();

// The Screen values no scene reaches (empty when the table is complete).
std::vector<kiosk::Screen> screens_without_scene(const std::vector<Scene>& scenes);

// What the scene shows in `language` and `theme`: the engine's state after the scene's steps, as the view
// builder turns it into a view model. Fails the calling test (and says where) if the engine ends elsewhere.
ui::ViewModel view_of(const Scene& scene, kiosk::Language language, Theme theme);

}  // namespace hk::ui_screens
