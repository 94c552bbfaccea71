#include "ui/front_end.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <string>

#include "display_window.h"
#include "input.h"
#include "layout.h"
#include "screen_painter.h"
#include "screenshot.h"
#include "sdl_handles.h"
#include "text_renderer.h"

namespace hk::ui {
namespace {

constexpr int kMinSide = 240;
constexpr int kMaxSide = 8192;

// SDL, SDL_ttf and SDL_image are initialised once per front end and shut down in reverse when it closes.
class SdlLibraries {
  public:
    SdlLibraries() = default;
    SdlLibraries(const SdlLibraries&) = delete;
    SdlLibraries& operator=(const SdlLibraries&) = delete;

    ~SdlLibraries() {
        if (image_) IMG_Quit();
        if (ttf_) TTF_Quit();
        if (dummy_driver_hint_)
            SDL_ResetHint(SDL_HINT_VIDEODRIVER);  // leave the driver choice as we found it
        if (video_) {
            SDL_QuitSubSystem(SDL_INIT_VIDEO);
            if (SDL_WasInit(SDL_INIT_EVERYTHING) == 0) SDL_Quit();  // also frees hints and SDL's own state
        }
    }

    std::expected<void, std::string> init(bool headless) {
        if (headless) {
            // Overrides SDL_VIDEODRIVER from the environment: headless never needs (or wants) a display.
            SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "dummy", SDL_HINT_OVERRIDE);
            dummy_driver_hint_ = true;
        }
        if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
            return std::unexpected(std::string("cannot start SDL video: ") + SDL_GetError());
        }
        video_ = true;
        if (TTF_Init() != 0) return std::unexpected(std::string("cannot start SDL_ttf: ") + TTF_GetError());
        ttf_ = true;
        if ((IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG) == 0) {
            return std::unexpected(std::string("cannot start SDL_image PNG support: ") + IMG_GetError());
        }
        image_ = true;
        return {};
    }

  private:
    bool video_ = false;
    bool ttf_ = false;
    bool image_ = false;
    bool dummy_driver_hint_ = false;
};

}  // namespace

struct FrontEnd::Impl {
    // Destroyed bottom to top: window, texts and fonts, renderer, frame, and the libraries last.
    SdlLibraries libraries;
    Size screen;
    SurfaceHandle frame;  // the full-size screen every mode renders into
    RendererHandle painter;
    std::optional<TextRenderer> text;
    std::optional<DisplayWindow> window;

    std::optional<ViewModel> view;  // last rendered
    ScreenLayout layout;

    void present() {
        if (window) window->present(frame.get());
    }
};

FrontEnd::FrontEnd(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FrontEnd::~FrontEnd() = default;

std::expected<std::unique_ptr<FrontEnd>, std::string> FrontEnd::open(const FrontEndOptions& options) {
    if (options.width < kMinSide || options.height < kMinSide || options.width > kMaxSide ||
        options.height > kMaxSide) {
        return std::unexpected("screen size " + std::to_string(options.width) + "x" +
                               std::to_string(options.height) + " is outside " + std::to_string(kMinSide) +
                               ".." + std::to_string(kMaxSide) + " px");
    }
    if (!options.headless && !(options.window_scale > 0.0f && options.window_scale <= 4.0f)) {
        return std::unexpected("window scale " + std::to_string(options.window_scale) + " is outside (0, 4]");
    }

    auto impl = std::make_unique<Impl>();
    if (auto started = impl->libraries.init(options.headless); !started)
        return std::unexpected(started.error());
    impl->screen = {options.width, options.height};
    impl->frame.reset(
        SDL_CreateRGBSurfaceWithFormat(0, options.width, options.height, 32, SDL_PIXELFORMAT_RGB888));
    if (!impl->frame)
        return std::unexpected(std::string("cannot create the screen surface: ") + SDL_GetError());
    impl->painter.reset(SDL_CreateSoftwareRenderer(impl->frame.get()));
    if (!impl->painter)
        return std::unexpected(std::string("cannot create the software renderer: ") + SDL_GetError());

    auto text = TextRenderer::open(impl->painter.get(), options.font_path, options.font_face_index);
    if (!text) return std::unexpected(text.error());
    impl->text.emplace(std::move(*text));

    if (!options.headless) {
        auto window = DisplayWindow::open(impl->screen, options.window_scale);
        if (!window) return std::unexpected(window.error());
        impl->window.emplace(std::move(*window));
    }
    return std::unique_ptr<FrontEnd>(new FrontEnd(std::move(impl)));
}

void FrontEnd::render(const ViewModel& view) {
    Impl& d = *impl_;
    if (!d.view || *d.view != view) {  // an unchanged screen is only presented again
        d.text->forget_unused();
        const MeasureText measure = [&d](std::string_view s, int px, Weight weight, int wrap_width) {
            return d.text->measure(s, px, weight, wrap_width);
        };
        d.layout = lay_out(view, d.screen, measure);
        paint_screen(d.painter.get(), *d.text, view, d.layout);
        SDL_RenderFlush(d.painter.get());
        d.view = view;
    }
    d.present();
}

std::vector<Input> FrontEnd::poll_input() {
    Impl& d = *impl_;
    static const ViewModel kNoView;
    const ViewModel& view = d.view ? *d.view : kNoView;
    std::vector<Input> inputs;
    SDL_Event event;
    while (SDL_PollEvent(&event) != 0) {
        if (event.type == SDL_WINDOWEVENT) {
            if (event.window.event == SDL_WINDOWEVENT_EXPOSED ||
                event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                d.present();
            }
            continue;
        }
        // Asked per event: the window may have been resized by an event earlier in this batch.
        const PointerSpace pointer{d.screen,
                                   d.window ? std::optional(d.window->window_size()) : std::nullopt};
        if (auto input = translate(event, view, d.layout, pointer)) inputs.push_back(std::move(*input));
    }
    return inputs;
}

std::expected<void, std::string> FrontEnd::save_screenshot(const std::filesystem::path& png) const {
    return save_png(impl_->frame.get(), png);
}

std::optional<std::string> FrontEnd::action_at(int x, int y) const {
    if (!impl_->view) return std::nullopt;
    return action_at_point(*impl_->view, impl_->layout, x, y);
}

}  // namespace hk::ui
