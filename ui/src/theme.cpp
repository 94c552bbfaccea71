#include "theme.h"

#include <algorithm>
#include <cmath>

namespace hk::ui {
namespace {

double relative_luminance(Colour c) {
    const auto channel = [](std::uint8_t v) {
        const double x = v / 255.0;
        return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

constexpr Colour kInk{0x10, 0x1A, 0x26};
constexpr Colour kWhite{0xFF, 0xFF, 0xFF};
constexpr Colour kBlack{0x00, 0x00, 0x00};
constexpr Colour kYellow{0xFF, 0xD5, 0x00};

Palette normal_palette(Tone tone) {
    // Shared by all tones; only the background tint and the accent change, so screens feel like one family.
    Palette p{
        .background = {0xF4, 0xF6, 0xF9},
        .text = kInk,
        .muted_text = {0x44, 0x4F, 0x5E},
        .tone_band = {},
        .accent = {0x0B, 0x57, 0xA4},
        .on_accent = kWhite,
        .on_accent_hint = {},
        .surface = kWhite,
        .track = {0xD5, 0xDC, 0xE5},
        .disabled_fill = {0xE1, 0xE5, 0xEA},
        .disabled_text = {0x50, 0x59, 0x66},
        .toolbar_fill = {0xDD, 0xE3, 0xEB},
        .toolbar_text = kInk,
        .toolbar_edge = {0x44, 0x4F, 0x5E},
        .focus = {0xC0, 0x26, 0x8A},  // magenta: unlike every tone's accent, so focus never reads as a tone
        .scrim = {0x10, 0x1A, 0x26},
    };
    switch (tone) {
        case Tone::Normal:
            break;
        case Tone::Busy:
            p.background = {0xF2, 0xF3, 0xFA};
            p.accent = {0x3B, 0x45, 0x9C};
            break;
        case Tone::Warning:
            p.background = {0xFF, 0xF6, 0xE3};
            p.accent = {0x8A, 0x4B, 0x00};
            p.track = {0xEE, 0xDD, 0xC0};
            break;
        case Tone::Error:
            p.background = {0xFD, 0xEE, 0xEE};
            p.accent = {0xB0, 0x1E, 0x23};
            p.track = {0xF0, 0xD2, 0xD2};
            break;
        case Tone::Success:
            p.background = {0xEC, 0xF7, 0xEF};
            p.accent = {0x17, 0x6B, 0x35};
            p.track = {0xCB, 0xE6, 0xD3};
            break;
    }
    p.tone_band = p.accent;
    p.on_accent_hint = mix(p.accent, p.on_accent, 0.85);
    return p;
}

// Black and white with yellow for everything that can be pressed; the tone shows only in the band, in a light
// colour that still stands out on black.
Palette high_contrast_palette(Tone tone) {
    Palette p{
        .background = kBlack,
        .text = kWhite,
        .muted_text = {0xD0, 0xD0, 0xD0},
        .tone_band = kYellow,
        .accent = kYellow,
        .on_accent = kBlack,
        .on_accent_hint = {0x30, 0x28, 0x00},
        .surface = kBlack,
        .track = {0x50, 0x50, 0x50},
        .disabled_fill = {0x33, 0x33, 0x33},
        .disabled_text = {0xC0, 0xC0, 0xC0},
        .toolbar_fill = {0x26, 0x26, 0x26},
        .toolbar_text = kWhite,
        .toolbar_edge = {0xD0, 0xD0, 0xD0},
        .focus = {0x00, 0xE5, 0xFF},  // cyan: unlike the yellow buttons it surrounds
        .scrim = kBlack,
    };
    switch (tone) {
        case Tone::Normal:
            break;
        case Tone::Busy:
            p.tone_band = {0x8C, 0xC8, 0xFF};
            break;
        case Tone::Warning:
            p.tone_band = {0xFF, 0xA5, 0x3D};
            break;
        case Tone::Error:
            p.tone_band = {0xFF, 0x6B, 0x6B};
            break;
        case Tone::Success:
            p.tone_band = {0x5C, 0xE0, 0x8A};
            break;
    }
    return p;
}

}  // namespace

Palette palette_for(Tone tone, const Presentation& presentation) {
    return presentation.high_contrast ? high_contrast_palette(tone) : normal_palette(tone);
}

double contrast_ratio(Colour a, Colour b) {
    const double la = relative_luminance(a);
    const double lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Colour mix(Colour a, Colour b, double t) {
    const auto channel = [t](std::uint8_t x, std::uint8_t y) {
        return static_cast<std::uint8_t>(std::lround(x + (y - x) * t));
    };
    return {channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b)};
}

}  // namespace hk::ui
