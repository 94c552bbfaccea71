// Random touch and key storms on the real front end (headless) driving the real engine: nothing crashes,
// every storm ends on the attract screen once the citizen walks away, and the next session shows nothing of
// the last.
#include <SDL.h>
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <variant>

#include "engine_driver.h"
#include "kiosk/view.h"
#include "ui/front_end.h"

namespace hk::kiosk::testing {
namespace {

constexpr SDL_Keycode kKeypad[] = {SDLK_UP,      SDLK_DOWN,      SDLK_LEFT, SDLK_RIGHT, SDLK_RETURN,
                                   SDLK_ESCAPE,  SDLK_BACKSPACE, SDLK_F10,  SDLK_F11,   SDLK_F12,
                                   SDLK_KP_PLUS, SDLK_KP_MINUS,  SDLK_0,    SDLK_1,     SDLK_2,
                                   SDLK_3,       SDLK_5,         SDLK_9};

void push_random_input(std::mt19937& random, int width, int height) {
    SDL_Event event{};
    if (random() % 2 == 0) {
        event.type = SDL_MOUSEBUTTONUP;
        event.button.button = SDL_BUTTON_LEFT;
        event.button.x = static_cast<int>(random() % static_cast<unsigned>(width));
        event.button.y = static_cast<int>(random() % static_cast<unsigned>(height));
    } else {
        event.type = SDL_KEYDOWN;
        event.key.keysym.sym = kKeypad[random() % std::size(kKeypad)];
    }
    SDL_PushEvent(&event);
}

bool shows(const ui::ViewModel& view, const std::string& text) {
    if (view.title.find(text) != std::string::npos) return true;
    for (const auto& line : view.lines)
        if (line.find(text) != std::string::npos) return true;
    return view.entry && view.entry->find(text) != std::string::npos;
}

TEST(InputStorm, NeverCrashesAlwaysEndsOnAttractAndLeavesNothingBehind) {
    ui::FrontEndOptions options;
    options.headless = true;
    auto front = ui::FrontEnd::open(options);
    ASSERT_TRUE(front) << front.error();
    std::mt19937 random(20261123);
    const std::string masked_name = mask_name(Driver::person(0).name);
    std::set<Screen> visited;  // a storm that never got anywhere would prove nothing

    for (int storm = 0; storm < 12; ++storm) {
        Driver d;
        d.to_review();  // someone identified: their (masked) name is on the screen
        ASSERT_TRUE(shows(build_view(d.state, d.engine), masked_name));
        for (int turn = 0; turn < 150; ++turn) {
            const ui::ViewModel view = build_view(d.state, d.engine);
            (*front)->render(view);
            push_random_input(random, options.width, options.height);
            for (const ui::Input& input : (*front)->poll_input()) {
                if (const auto* tap = std::get_if<ui::Tap>(&input)) d.tap(tap->action);
            }
            d.advance(Millis{200});
            visited.insert(d.screen());
        }
        // The citizen walks away: whatever the storm left, the kiosk gets back to attract by itself (a device
        // or service step never answered times out into an error screen, which times out too).
        for (int minute = 0; minute < 10 && d.screen() != Screen::Attract; ++minute)
            d.advance(Millis{60'000});
        ASSERT_EQ(d.screen(), Screen::Attract) << "storm " << storm;
        ASSERT_FALSE(d.state.session.has_value());

        d.tap("start");
        const ui::ViewModel fresh = build_view(d.state, d.engine);
        EXPECT_EQ(fresh.presentation, ui::Presentation{});
        EXPECT_FALSE(shows(fresh, masked_name));
        EXPECT_TRUE(d.session().tracking_entry.empty());
        EXPECT_FALSE(d.session().applicant.has_value());
    }
    EXPECT_GE(visited.size(), 6u);
}

}  // namespace
}  // namespace hk::kiosk::testing
