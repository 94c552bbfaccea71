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

}  // namespace

Palette palette_for(Tone tone) {
    // Shared by all tones; only the background tint and the accent change, so screens feel like one family.
    Palette p{
        .background = {0xF4, 0xF6, 0xF9},
        .text = kInk,
        .muted_text = {0x44, 0x4F, 0x5E},
        .accent = {0x0B, 0x57, 0xA4},
        .on_accent = kWhite,
        .surface = kWhite,
        .track = {0xD5, 0xDC, 0xE5},
        .disabled_fill = {0xE1, 0xE5, 0xEA},
        .disabled_text = {0x6A, 0x73, 0x80},
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
    return p;
}

double contrast_ratio(Colour a, Colour b) {
    const double la = relative_luminance(a);
    const double lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace hk::ui
