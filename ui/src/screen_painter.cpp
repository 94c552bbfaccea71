#include "screen_painter.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "shapes.h"
#include "theme.h"

namespace hk::ui {
namespace {

// ToBox: wrapped to the box's width. OneLine: one line, cut short with an ellipsis.
enum class Wrap : std::uint8_t { ToBox, OneLine };

void draw_text(SDL_Renderer* renderer, TextRenderer& text, std::string_view s, const TextBox& box,
               Colour colour, Wrap wrap = Wrap::ToBox) {
    const TextRenderer::Text* t = wrap == Wrap::ToBox
                                      ? text.render(s, box.px, box.weight, box.rect.w, box.align)
                                      : text.render_line(s, box.px, box.weight, box.rect.w);
    if (t == nullptr) return;
    // Clip to the box: text that does not fit is cut, never drawn over its neighbours.
    const SDL_Rect src{0, 0, std::min(t->w, box.rect.w), std::min(t->h, box.rect.h)};
    int x = box.rect.x;
    int y = box.rect.y;
    if (box.align == Align::Center) {
        x += std::max(0, (box.rect.w - t->w) / 2);
        y += std::max(0, (box.rect.h - t->h) / 2);
    }
    const SDL_Rect dst{x, y, src.w, src.h};
    SDL_SetTextureColorMod(t->texture, colour.r, colour.g, colour.b);
    SDL_RenderCopy(renderer, t->texture, &src, &dst);
}

Colour mix(Colour a, Colour b, double t) {
    const auto channel = [t](std::uint8_t x, std::uint8_t y) {
        return static_cast<std::uint8_t>(std::lround(x + (y - x) * t));
    };
    return {channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b)};
}

void paint_progress(SDL_Renderer* renderer, const Rect& bar, double progress, const Palette& p) {
    fill_rounded_rect(renderer, bar, bar.h / 2, p.track);
    const double fraction = std::isfinite(progress) ? std::clamp(progress, 0.0, 1.0) : 0.0;
    const int filled = static_cast<int>(std::lround(bar.w * fraction));
    if (filled > 0)
        fill_rounded_rect(renderer, {bar.x, bar.y, filled, bar.h}, std::min(bar.h, filled) / 2, p.accent);
}

void paint_button(SDL_Renderer* renderer, TextRenderer& text, const Button& button, const ButtonBox& box,
                  const ScreenLayout& layout, const Palette& p) {
    Colour label = p.disabled_text;
    Colour hint = p.disabled_text;
    if (!button.enabled) {
        fill_rounded_rect(renderer, box.rect, layout.corner_radius, p.disabled_fill);
    } else if (button.primary) {
        fill_rounded_rect(renderer, box.rect, layout.corner_radius, p.accent);
        label = p.on_accent;
        hint = mix(p.accent, p.on_accent, 0.75);
    } else {
        outline_rounded_rect(renderer, box.rect, layout.corner_radius, layout.stroke, p.accent, p.surface);
        label = p.accent;
        hint = p.muted_text;
    }
    draw_text(renderer, text, button.label, box.label, label);
    if (box.key_hint)
        draw_text(renderer, text, std::to_string(box.key_number), *box.key_hint, hint, Wrap::OneLine);
}

}  // namespace

void paint_screen(SDL_Renderer* renderer, TextRenderer& text, const ViewModel& view,
                  const ScreenLayout& layout) {
    const Palette p = palette_for(view.tone);
    fill_rect(renderer, {0, 0, layout.screen.w, layout.screen.h}, p.background);
    fill_rect(renderer, layout.tone_band, p.accent);

    draw_text(renderer, text, view.title, layout.title, p.text);
    for (const LineBox& line : layout.lines)
        draw_text(renderer, text, view.lines[line.index], line.text, p.text);
    if (layout.progress && view.progress) paint_progress(renderer, *layout.progress, *view.progress, p);
    if (layout.countdown && view.countdown_seconds) {
        draw_text(renderer, text, std::to_string(std::max(0, *view.countdown_seconds)), *layout.countdown,
                  p.accent, Wrap::OneLine);
    }

    for (const ButtonBox& box : layout.buttons)
        paint_button(renderer, text, view.buttons[box.index], box, layout, p);
    if (layout.footer) draw_text(renderer, text, view.footer, *layout.footer, p.muted_text, Wrap::OneLine);
}

}  // namespace hk::ui
