#include "ui/front_end.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <algorithm>
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
constexpr Uint64 kSpinnerStepMs = 80;  // a turn a second, near enough
constexpr Uint64 kMinFrameGapMs = 50;  // no busier than 20 frames a second

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

    int min_target = 0;  // px, from the panel's DPI

    std::optional<ViewModel> view;  // last rendered
    ScreenLayout layout;
    HelpLayout help;
    Interaction interaction;
    bool audio_seen = false;  // outputs present when SDL audio started are known
    Uint64 spinner_started = 0;
    int spinner_step = 0;
    Uint64 spinner_frame_at = 0;

    void present() {
        if (window) window->present(frame.get());
    }

    void paint() {
        paint_screen(painter.get(), *text, *view, layout, interaction.focus, spinner_step);
        if (interaction.help_open) paint_help(painter.get(), *text, *view, help);
        SDL_RenderFlush(painter.get());
    }

    // A new view's spinner starts from the top, so screenshots of a view are always the same.
    void restart_spinner() {
        spinner_step = 0;
        spinner_started = spinner_frame_at = SDL_GetTicks64();
    }

    // Moves the spinner on when it is shown and due; true when something was drawn.
    bool animate() {
        if (!view || !layout.spinner || interaction.help_open) return false;
        const Uint64 now = SDL_GetTicks64();
        const int step = static_cast<int>((now - spinner_started) / kSpinnerStepMs);
        if (step == spinner_step || now - spinner_frame_at < kMinFrameGapMs) return false;
        paint_spinner(painter.get(), *view, *layout.spinner, step);
        SDL_RenderFlush(painter.get());
        spinner_step = step;
        spinner_frame_at = now;
        return true;
    }

    // SDL announces every audio output it finds when its audio starts; only outputs after those are plugged
    // in.
    void learn_audio_outputs() {
        if (audio_seen || SDL_WasInit(SDL_INIT_AUDIO) == 0) return;
        interaction.outputs_at_start = std::max(0, SDL_GetNumAudioDevices(0));
        audio_seen = true;
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
    impl->min_target = min_target_px(options.panel_dpi);
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
        const bool new_screen = !d.view || d.view->screen != view.screen;
        d.layout = lay_out(view, d.screen, d.min_target, measure);
        d.help = lay_out_help(view, d.screen, measure);
        if (new_screen) {
            // A new screen starts where a citizen on the keypad expects: on its main choice, with no help
            // open.
            d.interaction.focus = initial_focus(view, d.layout);
            d.interaction.help_open = false;
        } else {
            d.interaction.focus = keep_focus(view, d.layout, d.interaction.focus);
        }
        if (view.help.empty()) d.interaction.help_open = false;
        d.view = view;
        d.restart_spinner();
        d.paint();
    } else {
        d.animate();
    }
    d.present();
}

std::vector<Input> FrontEnd::poll_input() {
    Impl& d = *impl_;
    static const ViewModel kNoView;
    const ViewModel& view = d.view ? *d.view : kNoView;
    d.learn_audio_outputs();
    const std::optional<Focus> focus_before = d.interaction.focus;
    const bool help_before = d.interaction.help_open;
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
        if (auto input = translate(event, view, d.layout, pointer, d.interaction))
            inputs.push_back(std::move(*input));
    }
    if (d.view && (d.interaction.focus != focus_before || d.interaction.help_open != help_before)) {
        d.paint();
        d.present();
    } else if (d.animate()) {
        d.present();
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

std::optional<std::size_t> FrontEnd::focused_button() const {
    const std::optional<Focus>& focus = impl_->interaction.focus;
    if (!focus || focus->in_toolbar) return std::nullopt;
    return focus->index;
}

std::optional<std::size_t> FrontEnd::focused_toolbar_button() const {
    const std::optional<Focus>& focus = impl_->interaction.focus;
    if (!focus || !focus->in_toolbar) return std::nullopt;
    return focus->index;
}

std::expected<void, std::string> FrontEnd::press_key(const std::string& key_name) {
    const SDL_Keycode key = SDL_GetKeyFromName(key_name.c_str());
    if (key == SDLK_UNKNOWN) return std::unexpected("no key is called '" + key_name + "'");
    SDL_Event event{};
    event.type = SDL_KEYDOWN;
    event.key.state = SDL_PRESSED;
    event.key.keysym.sym = key;
    event.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    if (SDL_PushEvent(&event) < 0)
        return std::unexpected(std::string("cannot queue the key: ") + SDL_GetError());
    return {};
}

bool FrontEnd::help_shown() const {
    return impl_->interaction.help_open;
}

}  // namespace hk::ui
