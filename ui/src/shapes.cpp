#include "shapes.h"

#include <algorithm>
#include <cmath>

namespace hk::ui {
namespace {

void set_colour(SDL_Renderer* renderer, Colour c, std::uint8_t alpha = 255) {
    SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, alpha);
}

SDL_Rect to_sdl(const Rect& r) {
    return {r.x, r.y, r.w, r.h};
}

}  // namespace

void fill_rect(SDL_Renderer* renderer, const Rect& rect, Colour colour) {
    if (rect.w <= 0 || rect.h <= 0) return;
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
    set_colour(renderer, colour);
    const SDL_Rect r = to_sdl(rect);
    SDL_RenderFillRect(renderer, &r);
}

void fill_rounded_rect(SDL_Renderer* renderer, const Rect& rect, int radius, Colour colour) {
    if (rect.w <= 0 || rect.h <= 0) return;
    radius = std::clamp(radius, 0, std::min(rect.w, rect.h) / 2);
    // The cross of full rows and columns between the corners.
    fill_rect(renderer, {rect.x, rect.y + radius, rect.w, rect.h - 2 * radius}, colour);
    fill_rect(renderer, {rect.x + radius, rect.y, rect.w - 2 * radius, radius}, colour);
    fill_rect(renderer, {rect.x + radius, rect.bottom() - radius, rect.w - 2 * radius, radius}, colour);
    if (radius == 0) return;

    // Corners, one row at a time: covered pixels as one span per corner, edge pixels blended by their
    // coverage.
    const int right_x = rect.right() - radius;    // first column of the right-hand corners
    const int bottom_y = rect.bottom() - radius;  // first row of the bottom corners
    for (int row = 0; row < radius; ++row) {
        const double dy =
            radius - (row + 0.5);  // distance of this row's centre above the corner circle's centre
        int full_from = radius;    // first column (from the left edge) that is fully covered
        for (int col = radius - 1; col >= 0; --col) {
            const double dx = radius - (col + 0.5);
            const double coverage = std::clamp(radius - std::sqrt(dx * dx + dy * dy) + 0.5, 0.0, 1.0);
            if (coverage >= 1.0) {
                full_from = col;
                continue;
            }
            if (coverage <= 0.0) break;
            SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
            set_colour(renderer, colour, static_cast<std::uint8_t>(std::lround(coverage * 255)));
            const int mirror_col = radius - 1 - col;
            const int mirror_row = radius - 1 - row;
            SDL_RenderDrawPoint(renderer, rect.x + col, rect.y + row);
            SDL_RenderDrawPoint(renderer, right_x + mirror_col, rect.y + row);
            SDL_RenderDrawPoint(renderer, rect.x + col, bottom_y + mirror_row);
            SDL_RenderDrawPoint(renderer, right_x + mirror_col, bottom_y + mirror_row);
        }
        const int span = radius - full_from;
        if (span > 0) {
            fill_rect(renderer, {rect.x + full_from, rect.y + row, span, 1}, colour);
            fill_rect(renderer, {right_x, rect.y + row, span, 1}, colour);
            fill_rect(renderer, {rect.x + full_from, bottom_y + radius - 1 - row, span, 1}, colour);
            fill_rect(renderer, {right_x, bottom_y + radius - 1 - row, span, 1}, colour);
        }
    }
}

void outline_rounded_rect(SDL_Renderer* renderer, const Rect& rect, int radius, int stroke, Colour border,
                          Colour fill) {
    fill_rounded_rect(renderer, rect, radius, border);
    const Rect inner{rect.x + stroke, rect.y + stroke, rect.w - 2 * stroke, rect.h - 2 * stroke};
    fill_rounded_rect(renderer, inner, std::max(0, radius - stroke), fill);
}

}  // namespace hk::ui
