#include "screen_painter.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "pictures.h"
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
        hint = p.on_accent_hint;
    } else {
        outline_rounded_rect(renderer, box.rect, layout.corner_radius, layout.stroke, p.accent, p.surface);
        label = p.accent;
        hint = p.muted_text;
    }
    draw_text(renderer, text, button.label, box.label, label);
    if (box.key_hint)
        draw_text(renderer, text, std::to_string(box.key_number), *box.key_hint, hint, Wrap::OneLine);
}

void paint_toolbar_button(SDL_Renderer* renderer, TextRenderer& text, const Button& button,
                          const ButtonBox& box, const ScreenLayout& layout, const Palette& p) {
    // A pill in a neutral colour with smaller type: clearly not one of the screen's own choices.
    const int radius = box.rect.h / 2;
    const int edge = std::max(1, layout.stroke / 2);
    const Colour fill = button.enabled ? p.toolbar_fill : p.disabled_fill;
    outline_rounded_rect(renderer, box.rect, radius, edge, button.enabled ? p.toolbar_edge : p.disabled_fill,
                         fill);
    draw_text(renderer, text, button.label, box.label, button.enabled ? p.toolbar_text : p.disabled_text);
}

// `target_radius`: the corner radius of the button inside, so the ring follows its shape.
void paint_focus_ring(SDL_Renderer* renderer, const Rect& target, int target_radius,
                      const ScreenLayout& layout, const Palette& p) {
    const int out = layout.focus_gap + layout.focus_ring;
    const Rect ring{target.x - out, target.y - out, target.w + 2 * out, target.h + 2 * out};
    const int radius = std::min(target_radius, target.h / 2) + out;
    outline_rounded_rect(renderer, ring, radius, layout.focus_ring, p.focus, p.background);
}

// Digits as typed, or a dot per digit when they are secret.
std::string entry_shown(const ViewModel& view) {
    if (!view.entry) return {};
    if (!view.entry_masked) return *view.entry;
    std::string dots;
    for (std::size_t i = 0; i < view.entry->size(); ++i) dots += i == 0 ? "\u25CF" : " \u25CF";
    return dots;
}

}  // namespace

void paint_spinner(SDL_Renderer* renderer, const ViewModel& view, const Rect& area, int step) {
    const Palette p = palette_for(view.tone, view.presentation);
    fill_rect(renderer, area, p.background);
    const int dot = std::max(2, area.w / 6);
    const double orbit = (area.w - dot) / 2.0;
    const double cx = area.x + area.w / 2.0;
    const double cy = area.y + area.h / 2.0;
    const int head = ((step % kSpinnerSteps) + kSpinnerSteps) % kSpinnerSteps;
    for (int i = 0; i < kSpinnerSteps; ++i) {
        const double angle = 2 * 3.14159265358979 * i / kSpinnerSteps;
        const int behind = (head - i + kSpinnerSteps) % kSpinnerSteps;  // 0: the leading dot
        const Colour colour = mix(p.accent, p.background, 0.8 * behind / (kSpinnerSteps - 1));
        const int x = static_cast<int>(std::lround(cx + orbit * std::sin(angle) - dot / 2.0));
        const int y = static_cast<int>(std::lround(cy - orbit * std::cos(angle) - dot / 2.0));
        fill_rounded_rect(renderer, {x, y, dot, dot}, dot / 2, colour);
    }
}

void paint_help(SDL_Renderer* renderer, TextRenderer& text, const ViewModel& view, const HelpLayout& help) {
    const Palette p = palette_for(view.tone, view.presentation);
    int w = 0;
    int h = 0;
    SDL_GetRendererOutputSize(renderer, &w, &h);
    // The screen stays faintly visible behind the panel, so it is clear the help belongs to it.
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer, p.scrim.r, p.scrim.g, p.scrim.b, 200);
    const SDL_Rect all{0, 0, w, h};
    SDL_RenderFillRect(renderer, &all);
    const int border = std::max(3, help.panel.w / 180);
    outline_rounded_rect(renderer, help.panel, border * 6, border, p.accent, p.surface);
    draw_text(renderer, text, view.help, help.text, p.text);
}

void paint_screen(SDL_Renderer* renderer, TextRenderer& text, const ViewModel& view,
                  const ScreenLayout& layout, std::optional<Focus> focus, int spinner_step) {
    const Palette p = palette_for(view.tone, view.presentation);
    fill_rect(renderer, {0, 0, layout.screen.w, layout.screen.h}, p.background);
    fill_rect(renderer, layout.tone_band, p.tone_band);

    draw_text(renderer, text, view.title, layout.title, p.text);
    for (const LineBox& line : layout.lines)
        draw_text(renderer, text, view.lines[line.index], line.text, p.text);
    if (layout.picture) {
        if (view.photo && view.photo->valid()) {
            draw_photo(renderer, *view.photo, *layout.picture, p);
        } else {
            draw_qr(renderer, view.qr, *layout.picture);
        }
    }
    if (layout.progress && view.progress) paint_progress(renderer, *layout.progress, *view.progress, p);
    if (layout.spinner) paint_spinner(renderer, view, *layout.spinner, spinner_step);
    if (layout.countdown && view.countdown_seconds) {
        draw_text(renderer, text, std::to_string(std::max(0, *view.countdown_seconds)), *layout.countdown,
                  p.accent, Wrap::OneLine);
    }
    if (layout.entry_box && layout.entry_text) {
        outline_rounded_rect(renderer, *layout.entry_box, layout.corner_radius, layout.stroke, p.accent,
                             p.surface);
        draw_text(renderer, text, entry_shown(view), *layout.entry_text, p.text, Wrap::OneLine);
    }

    // The ring first: the button is drawn over its inner edge, so the gap between them stays clean.
    if (focus) {
        if (const std::optional<Rect> target = focus_rect(layout, *focus)) {
            const int radius =
                focus->in_toolbar ? target->h / 2 : layout.corner_radius;  // pills on the toolbar
            paint_focus_ring(renderer, *target, radius, layout, p);
        }
    }
    for (const ButtonBox& box : layout.buttons)
        paint_button(renderer, text, view.buttons[box.index], box, layout, p);
    for (const ButtonBox& box : layout.toolbar)
        paint_toolbar_button(renderer, text, view.toolbar[box.index], box, layout, p);
    if (layout.footer) draw_text(renderer, text, view.footer, *layout.footer, p.muted_text, Wrap::OneLine);
}

}  // namespace hk::ui
