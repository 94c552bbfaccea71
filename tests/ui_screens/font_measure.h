// The front end's own text measurement (SDL_ttf, the kiosk font), so the layout the tests check is the one
// the screenshots show, not the font-free estimate.
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "layout.h"

namespace hk::ui_screens {

class FontMeasure {
  public:
    // The font of a default FrontEndOptions.
    static std::expected<std::unique_ptr<FontMeasure>, std::string> open();
    ~FontMeasure();
    FontMeasure(const FontMeasure&) = delete;
    FontMeasure& operator=(const FontMeasure&) = delete;

    // Valid while this object lives.
    [[nodiscard]] ui::MeasureText measure();

  private:
    struct Impl;
    explicit FontMeasure(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The layout the front end draws for `view` on a `screen`-sized display.
ui::ScreenLayout lay_out_as_drawn(const ui::ViewModel& view, ui::Size screen, FontMeasure& font);

// The labels of `view`'s buttons that do not fit their box in `layout` at the size it chose: the front end
// shows only their first lines ("Relocation for" for "Relocation for a family member").
std::vector<std::string> cut_off_button_labels(const ui::ViewModel& view, const ui::ScreenLayout& layout,
                                               FontMeasure& font);

}  // namespace hk::ui_screens
