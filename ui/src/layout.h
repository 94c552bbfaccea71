// Where everything on a screen goes, computed from the view model and the screen size alone. Pure: no SDL, so
// the geometry is tested without a display and the front end only draws what this decides.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "ui/view_model.h"

namespace hk::ui {

struct Size {
    int w = 0;
    int h = 0;
    friend bool operator==(const Size&, const Size&) = default;
};

struct Rect {
    int x = 0;
    int y = 0;
    int w = 0;
    int h = 0;

    [[nodiscard]] int right() const { return x + w; }
    [[nodiscard]] int bottom() const { return y + h; }
    [[nodiscard]] bool contains(int px, int py) const {
        return px >= x && px < right() && py >= y && py < bottom();
    }
    [[nodiscard]] bool overlaps(const Rect& o) const {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }
    [[nodiscard]] bool inside(Size s) const { return x >= 0 && y >= 0 && right() <= s.w && bottom() <= s.h; }
    friend bool operator==(const Rect&, const Rect&) = default;
};

enum class Weight : std::uint8_t { Regular, Bold };
// Start: left and top of the box (reading text). Center: centred both ways (labels, the countdown).
enum class Align : std::uint8_t { Start, Center };

// Text drawn inside `rect`: wrapped to rect.w, clipped to rect.h.
struct TextBox {
    Rect rect;
    int px = 0;
    Weight weight = Weight::Regular;
    Align align = Align::Start;
};

// Height in pixels of `text` at `px`, wrapped at `wrap_width` (0: no wrapping). The front end measures with
// the real font; tests and the default use estimate_text_height.
using MeasureText = std::function<int(std::string_view text, int px, Weight weight, int wrap_width)>;

// Height of one line of text at `px` (the font's line skip, about 1.45 em for Noto Sans CJK).
int line_height(int px);
// A font-free guess: Latin about 0.55 em wide, CJK and Hangul 1 em, broken anywhere.
int estimate_text_height(std::string_view text, int px, Weight weight, int wrap_width);

struct LineBox {
    std::size_t index = 0;  // into ViewModel::lines
    TextBox text;
};

// A screen button or a toolbar button.
struct ButtonBox {
    std::size_t index = 0;  // into ViewModel::buttons (or ViewModel::toolbar)
    Rect rect;
    TextBox label;
    int key_number = 0;  // 1-9: the number key that taps it (enabled screen buttons in order); 0: none
    std::optional<TextBox> key_hint;  // where that number is shown, when more than one button can be tapped
};

struct ScreenLayout {
    Size screen;
    int margin = 0;
    int corner_radius = 0;
    int stroke = 0;      // outline width of secondary buttons
    int min_target = 0;  // the smallest a touch target may be, both ways (9 mm on the panel)
    int focus_ring = 0;  // width of the keypad focus ring
    int focus_gap = 0;   // between a focused button and its ring
    Rect tone_band;      // accent strip across the top that carries the tone
    TextBox title;
    std::vector<LineBox> lines;   // the paragraphs that fit, in order
    std::optional<Rect> spinner;  // a busy screen with no progress to show
    std::optional<Rect> progress;
    std::optional<TextBox> countdown;
    std::optional<Rect> picture;    // view.photo or view.qr, centred above the buttons
    std::optional<Rect> entry_box;  // the digits typed on the keypad
    std::optional<TextBox> entry_text;
    std::vector<ButtonBox> buttons;  // the buttons that fit, in order (reading order: rows top to bottom)
    // One row of small buttons above the footer, within reach from a wheelchair like the screen's own.
    std::vector<ButtonBox> toolbar;
    std::optional<TextBox> footer;
    std::size_t hidden_lines = 0;    // paragraphs that did not fit (the last shown one may also be clipped)
    std::size_t hidden_buttons = 0;  // buttons that did not fit even at the minimum size in the most columns
    std::size_t hidden_toolbar = 0;  // toolbar buttons that did not fit in one row at the minimum target size
};

// The help text over the screen, in a panel of its own.
struct HelpLayout {
    Rect panel;
    TextBox text;
};

// Panels are this many dots per inch unless told otherwise (a common 21.5" 1080p panel is about 102).
inline constexpr double kDefaultPanelDpi = 96.0;
// 9 mm at `dpi` in whole pixels, rounded up: the smallest touch target a fingertip hits reliably.
int min_target_px(double dpi);

// The button grid is the one with the fewest columns in which every label stays whole (no word broken) at
// `measure`; when none is, it depends on the view's structure and the screen size alone. Progress and
// countdown never depend on text; text boxes use `measure`.
// Text sizes follow view.presentation.large_text. Touch targets are at least `min_target` px both ways.
ScreenLayout lay_out(const ViewModel& view, Size screen, int min_target,
                     const MeasureText& measure = estimate_text_height);
ScreenLayout lay_out(const ViewModel& view, Size screen, const MeasureText& measure = estimate_text_height);

// Where view.help goes when the citizen asks for help.
HelpLayout lay_out_help(const ViewModel& view, Size screen,
                        const MeasureText& measure = estimate_text_height);

// The buttons that `lay_out` would place, as an index into ViewModel::buttons; nullopt when the point is in
// no button (disabled ones count: the caller decides what a tap on them means).
std::optional<std::size_t> button_at(const ScreenLayout& layout, int x, int y);
// The same for the toolbar, as an index into ViewModel::toolbar.
std::optional<std::size_t> toolbar_button_at(const ScreenLayout& layout, int x, int y);

// Where a screen of `content` size is shown inside a window of `outer` size: scaled to fit, aspect kept,
// centred.
Rect fit_inside(Size content, Size outer);
// A point in window coordinates mapped back onto the full-size screen shown by fit_inside.
std::pair<int, int> window_to_screen(int x, int y, Size screen, Size window);

}  // namespace hk::ui
