// Owning handles for the C objects of cairo, pango and libqrencode, so every early return releases them.
#pragma once

#include <memory>

#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

namespace hk::printer::detail {

struct SurfaceRelease {
    void operator()(cairo_surface_t* surface) const noexcept { cairo_surface_destroy(surface); }
};
struct ContextRelease {
    void operator()(cairo_t* context) const noexcept { cairo_destroy(context); }
};
struct LayoutRelease {
    void operator()(PangoLayout* layout) const noexcept { g_object_unref(layout); }
};
struct FontDescriptionRelease {
    void operator()(PangoFontDescription* font) const noexcept { pango_font_description_free(font); }
};
struct QrCodeRelease {
    void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};

using SurfaceHandle = std::unique_ptr<cairo_surface_t, SurfaceRelease>;
using ContextHandle = std::unique_ptr<cairo_t, ContextRelease>;
using LayoutHandle = std::unique_ptr<PangoLayout, LayoutRelease>;
using FontDescriptionHandle = std::unique_ptr<PangoFontDescription, FontDescriptionRelease>;
using QrCodeHandle = std::unique_ptr<QRcode, QrCodeRelease>;

}  // namespace hk::printer::detail
