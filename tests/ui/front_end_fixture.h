// What the front end tests share: a headless front end per test, screenshots read back as pixels, synthetic
// SDL input, and matchers for what comes out.
#pragma once

#include <SDL.h>
#include <SDL_image.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "input_printers.h"
#include "layout.h"
#include "theme.h"
#include "ui/front_end.h"

namespace hk::ui {

// A PNG read back as plain RGB.
class Image {
  public:
    static std::optional<Image> load(const std::filesystem::path& png) {
        SDL_Surface* loaded = IMG_Load(png.c_str());
        if (loaded == nullptr) return std::nullopt;
        SDL_Surface* rgb = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGB888, 0);
        SDL_FreeSurface(loaded);
        if (rgb == nullptr) return std::nullopt;
        Image image;
        image.w = rgb->w;
        image.h = rgb->h;
        image.pixels.resize(static_cast<std::size_t>(rgb->w) * static_cast<std::size_t>(rgb->h));
        for (int y = 0; y < rgb->h; ++y) {
            const auto* row =
                static_cast<const std::uint8_t*>(rgb->pixels) + static_cast<std::ptrdiff_t>(y) * rgb->pitch;
            std::memcpy(&image.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(rgb->w)], row,
                        static_cast<std::size_t>(rgb->w) * sizeof(std::uint32_t));
        }
        SDL_FreeSurface(rgb);
        return image;
    }

    [[nodiscard]] Colour at(int x, int y) const {
        const std::uint32_t p = pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + x];
        return {static_cast<std::uint8_t>(p >> 16), static_cast<std::uint8_t>(p >> 8),
                static_cast<std::uint8_t>(p)};
    }
    // Pixels in `area` that differ from `colour`.
    [[nodiscard]] int count_not(Colour colour, const Rect& area) const {
        int count = 0;
        for (int y = area.y; y < area.bottom(); ++y) {
            for (int x = area.x; x < area.right(); ++x) count += at(x, y) == colour ? 0 : 1;
        }
        return count;
    }

    int w = 0;
    int h = 0;
    std::vector<std::uint32_t> pixels;
};

inline ::testing::Matcher<const Input&> IsTap(const std::string& action) {
    return ::testing::VariantWith<Tap>(::testing::Field("action", &Tap::action, action));
}
inline ::testing::Matcher<const Input&> IsKey(const std::string& key) {
    return ::testing::VariantWith<KeyPress>(::testing::Field("key", &KeyPress::key, key));
}

inline FrontEndOptions headless(int width = 1080, int height = 1920) {
    FrontEndOptions options;
    options.width = width;
    options.height = height;
    options.headless = true;
    return options;
}

class UiFrontEnd : public ::testing::Test {
  protected:
    void SetUp() override {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        ASSERT_TRUE(std::filesystem::exists(FrontEndOptions{}.font_path))
            << "fonts-noto-cjk is not installed";
        dir_ = std::filesystem::temp_directory_path() /
               ("hukiosk-ui-" + std::to_string(getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
        open(headless());
    }
    void TearDown() override {
        front_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    void open(const FrontEndOptions& options) {
        front_.reset();
        auto opened = FrontEnd::open(options);
        ASSERT_TRUE(opened) << opened.error();
        front_ = std::move(*opened);
    }

    Image screenshot(const std::string& name) {
        const std::filesystem::path png = dir_ / (name + ".png");
        auto saved = front_->save_screenshot(png);
        EXPECT_TRUE(saved) << saved.error();
        auto image = Image::load(png);
        EXPECT_TRUE(image) << IMG_GetError();
        return image.value_or(Image{});
    }

    static void push(SDL_Event event) { ASSERT_EQ(SDL_PushEvent(&event), 1) << SDL_GetError(); }
    static void push_click(int x, int y) {
        SDL_Event e{};
        e.type = SDL_MOUSEBUTTONUP;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = x;
        e.button.y = y;
        push(e);
    }
    static void push_key(SDL_Keycode key, bool repeat = false) {
        SDL_Event e{};
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = key;
        e.key.repeat = repeat ? 1 : 0;
        push(e);
    }

    std::filesystem::path dir_;
    std::unique_ptr<FrontEnd> front_;
};

}  // namespace hk::ui
