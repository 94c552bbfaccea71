#include "font_measure.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <optional>

#include "sdl_handles.h"
#include "text_renderer.h"
#include "ui/front_end.h"

namespace hk::ui_screens {

struct FontMeasure::Impl {
    // Destroyed bottom to top: the texts before their renderer, SDL_ttf last.
    bool ttf_started = false;
    ui::SurfaceHandle canvas;  // the text renderer wants a renderer; nothing is drawn on it
    ui::RendererHandle renderer;
    std::optional<ui::TextRenderer> text;

    ~Impl() {
        text.reset();
        renderer.reset();
        if (ttf_started) TTF_Quit();  // counted: a front end open meanwhile keeps SDL_ttf running
    }
};

FontMeasure::FontMeasure(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FontMeasure::~FontMeasure() = default;

std::expected<std::unique_ptr<FontMeasure>, std::string> FontMeasure::open() {
    auto impl = std::make_unique<Impl>();
    if (TTF_Init() != 0) return std::unexpected(std::string("cannot start SDL_ttf: ") + TTF_GetError());
    impl->ttf_started = true;
    impl->canvas.reset(SDL_CreateRGBSurfaceWithFormat(0, 16, 16, 32, SDL_PIXELFORMAT_RGB888));
    if (!impl->canvas) return std::unexpected(std::string("cannot create a surface: ") + SDL_GetError());
    impl->renderer.reset(SDL_CreateSoftwareRenderer(impl->canvas.get()));
    if (!impl->renderer) return std::unexpected(std::string("cannot create a renderer: ") + SDL_GetError());
    const ui::FrontEndOptions defaults;
    auto text = ui::TextRenderer::open(impl->renderer.get(), defaults.font_path, defaults.font_face_index);
    if (!text) return std::unexpected(text.error());
    impl->text.emplace(std::move(*text));
    return std::unique_ptr<FontMeasure>(new FontMeasure(std::move(impl)));
}

ui::MeasureText FontMeasure::measure() {
    ui::TextRenderer* text = &*impl_->text;
    return [text](std::string_view s, int px, ui::Weight weight, int wrap_width) {
        return text->measure(s, px, weight, wrap_width);
    };
}

ui::ScreenLayout lay_out_as_drawn(const ui::ViewModel& view, ui::Size screen, FontMeasure& font) {
    return ui::lay_out(view, screen, font.measure());
}

std::vector<std::string> cut_off_button_labels(const ui::ViewModel& view, const ui::ScreenLayout& layout,
                                               FontMeasure& font) {
    const ui::MeasureText measure = font.measure();
    std::vector<std::string> cut_off;
    for (const ui::ButtonBox& box : layout.buttons) {
        const std::string& label = view.buttons.at(box.index).label;
        if (measure(label, box.label.px, box.label.weight, box.label.rect.w) > box.label.rect.h)
            cut_off.push_back(label);
    }
    return cut_off;
}

}  // namespace hk::ui_screens
