// The toolbar and the tactile keypad: language, text size, contrast, speech and volume, on any screen of a
// session. They change how the session is shown, never where it is; they are the citizen's input all the same
// (the idle timer restarts). On the attract screen they also start a session, so a citizen who cannot see the
// screen gets speech from the very first prompt.
#include <algorithm>
#include <string_view>

#include "step_context.h"

namespace hk::kiosk::detail {
namespace {

constexpr std::string_view kLanguagePrefix = "lang:";
constexpr std::string_view kPresentationPrefix = "a11y:";

// Applies one presentation switch; false for an unknown one.
bool apply(ui::Presentation& p, std::string_view what) {
    if (what == "large_text") {
        p.large_text = !p.large_text;
    } else if (what == "contrast") {
        p.high_contrast = !p.high_contrast;
    } else if (what == "speech") {
        p.speech = !p.speech;
    } else if (what == "speech_on") {  // a headset was plugged in: the citizen wants to listen
        p.speech = true;
    } else if (what == "volume_up") {
        p.volume = std::min(p.volume + 1, ui::Presentation::kMaxVolume);
    } else if (what == "volume_down") {
        p.volume = std::max(p.volume - 1, ui::Presentation::kMinVolume);
    } else {
        return false;
    }
    return true;
}

}  // namespace

bool on_presentation_action(StepContext& ctx, std::string_view action) {
    State& st = ctx.state;
    // The keypad moving its focus, or the help panel opening, is the citizen at work: it restarts the idle
    // timer like a tap, and changes nothing else.
    if (action == "focus" || action == "help") return st.session.has_value();
    if (action.starts_with(kPresentationPrefix)) {
        const std::string_view what = action.substr(kPresentationPrefix.size());
        if (!st.session) {
            if (st.screen != Screen::Attract) return false;  // out of service: nobody to serve
            ui::Presentation wanted;
            if (!apply(wanted, what)) return false;
            ctx.start_session();
            ctx.session().presentation = wanted;
            return true;
        }
        return apply(ctx.session().presentation, what);
    }
    // The language screen's own choice moves on to the catalogue; anywhere else a language switch stays put.
    if (action.starts_with(kLanguagePrefix) && st.session && st.screen != Screen::Language) {
        const auto language = language_from_tag(action.substr(kLanguagePrefix.size()));
        if (!language) return false;
        ctx.session().language = *language;
        return true;
    }
    return false;
}

}  // namespace hk::kiosk::detail
