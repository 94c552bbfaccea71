// The axes every screen is shown along: orientation and theme (languages are kiosk::kAllLanguages).
#pragma once

#include <array>
#include <filesystem>
#include <string>

#include "kiosk/language.h"
#include "ui/view_model.h"

namespace hk::ui_screens {

struct Orientation {
    std::string name;
    int width = 0;
    int height = 0;
};
inline const std::array<Orientation, 2> kOrientations = {Orientation{"portrait", 1080, 1920},
                                                         Orientation{"landscape", 1920, 1080}};

enum class Theme { Normal, HighContrast, LargeText };
inline constexpr std::array kThemes = {Theme::Normal, Theme::HighContrast, Theme::LargeText};

inline std::string name_of(Theme theme) {
    switch (theme) {
        case Theme::HighContrast:
            return "high_contrast";
        case Theme::LargeText:
            return "large_text";
        case Theme::Normal:
            break;
    }
    return "normal";
}

// The presentation a citizen gets by choosing `theme` on the toolbar (speech and volume left as they were).
inline ui::Presentation presentation_for(Theme theme, ui::Presentation base = {}) {
    base.high_contrast = theme == Theme::HighContrast;
    base.large_text = theme == Theme::LargeText;
    return base;
}

// Where the screenshot of one scene goes: <root>/<orientation>/<theme>/<scene>-<language>.png.
inline std::filesystem::path screenshot_path(const std::filesystem::path& root,
                                             const Orientation& orientation, Theme theme,
                                             const std::string& scene, kiosk::Language language) {
    return root / orientation.name / name_of(theme) /
           (scene + "-" + std::string(kiosk::tag(language)) + ".png");
}

}  // namespace hk::ui_screens
