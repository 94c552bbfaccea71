#include "ui/speech/narrator.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace hk::ui::speech {
namespace {

// What makes a view a different screen to a listener: anything else is news on the same screen.
bool same_screen(const ViewModel& a, const ViewModel& b) {
    return a.screen == b.screen && a.language == b.language && a.title == b.title && a.lines == b.lines &&
           a.countdown_seconds.has_value() == b.countdown_seconds.has_value();
}

// Progress is spoken at each quarter, not on every frame of a long step.
std::optional<int> progress_percent_step(const ViewModel& view) {
    if (!view.progress) {
        return std::nullopt;
    }
    const double fraction = std::clamp(*view.progress, 0.0, 1.0);
    return static_cast<int>(std::floor(fraction * 4.0 + 1e-9)) * 25;
}

// The countdown is read with the screen, then once more as time runs short.
bool countdown_worth_saying(int seconds) {
    return seconds == 10 || seconds == 5;
}

// "123" is read digit by digit ("1 2 3"), as a citizen checks a number, not as "one hundred and
// twenty-three".
std::string one_by_one(const std::string& entry) {
    std::string spaced;
    for (const char c : entry) {
        if (!spaced.empty()) {
            spaced += ' ';
        }
        spaced += c;
    }
    return spaced;
}

// The Mandarin voice reads "%" as the English "percent"; Chinese says the percentage first: 百分之五十.
std::string percent_text(int percent, const std::string& language) {
    if (language.starts_with("zh")) {
        return "百分之" + std::to_string(percent);
    }
    return std::to_string(percent) + "%";
}

}  // namespace

void Narrator::on_view(const ViewModel& view) {
    const std::optional<ViewModel> before = std::exchange(last_, view);
    const bool speech_was_on = before && before->presentation.speech;
    if (!view.presentation.speech) {
        if (speech_was_on) {
            output_.interrupt();
        }
        return;
    }
    const bool volume_changed = spoken_volume_ != view.presentation.volume;
    if (volume_changed) {
        output_.set_volume(view.presentation.volume);
        spoken_volume_ = view.presentation.volume;
    }
    if (!speech_was_on || !same_screen(*before, view)) {
        output_.interrupt();
        speak_screen(view);
        return;
    }
    bool said_something = false;
    if (view.entry != before->entry) {
        speak_entry_change(view, before->entry);
        said_something = true;
    }
    if (progress_percent_step(view) != progress_percent_step(*before) && view.progress) {
        speak_progress(view);
        said_something = true;
    }
    if (view.countdown_seconds != before->countdown_seconds && view.countdown_seconds &&
        countdown_worth_saying(*view.countdown_seconds)) {
        speak_countdown(view);
        said_something = true;
    }
    if (volume_changed && !said_something) {
        output_.tone(ToneCue::Level);  // the citizen hears the new volume at once
    }
}

void Narrator::on_focus(const ViewModel& view, std::size_t button_index) {
    speak_label(view, view.buttons, button_index);
}

void Narrator::on_toolbar_focus(const ViewModel& view, std::size_t toolbar_index) {
    speak_label(view, view.toolbar, toolbar_index);
}

void Narrator::speak_label(const ViewModel& view, const std::vector<Button>& buttons, std::size_t index) {
    if (!view.presentation.speech || index >= buttons.size()) {
        return;  // an index from an older view is ignored
    }
    output_.interrupt();
    output_.say(buttons[index].label, view.language);
}

void Narrator::repeat(const ViewModel& view) {
    if (!view.presentation.speech) {
        return;
    }
    output_.interrupt();
    speak_screen(view);
}

void Narrator::help(const ViewModel& view) {
    if (!view.presentation.speech) {
        return;
    }
    if (view.help.empty()) {
        repeat(view);
        return;
    }
    output_.interrupt();
    output_.say(view.help, view.language);
}

void Narrator::speak_screen(const ViewModel& view) {
    output_.say(view.title, view.language);
    for (const auto& line : view.lines) {
        output_.say(line, view.language);
    }
    speak_progress(view);
    speak_countdown(view);
    if (view.entry && !view.entry->empty()) {
        if (view.entry_masked) {
            for (std::size_t i = 0; i < view.entry->size(); ++i) {
                output_.tone(ToneCue::MaskedDigit);
            }
        } else {
            output_.say(one_by_one(*view.entry), view.language);
        }
    }
    // Numbered as the keypad numbers them: the n-th enabled button is key n.
    int number = 0;
    for (const auto& button : view.buttons) {
        if (button.enabled) {
            output_.say(std::to_string(++number) + ", " + button.label, view.language);
        }
    }
}

void Narrator::speak_entry_change(const ViewModel& view, const std::optional<std::string>& before) {
    const std::string now = view.entry.value_or("");
    const std::string was = before.value_or("");
    if (now.size() < was.size()) {
        output_.tone(ToneCue::Erase);
        return;
    }
    if (now.empty()) {
        return;
    }
    if (view.entry_masked) {
        output_.tone(ToneCue::MaskedDigit);  // never the digit: someone may stand behind the citizen
        return;
    }
    if (now.size() == was.size() + 1 && now.starts_with(was)) {
        output_.say(std::string(1, now.back()), view.language);
    } else {
        output_.say(one_by_one(now), view.language);  // replaced rather than typed: read it all
    }
}

void Narrator::speak_progress(const ViewModel& view) {
    if (const auto percent = progress_percent_step(view)) {
        output_.say(percent_text(*percent, view.language), view.language);
    }
}

void Narrator::speak_countdown(const ViewModel& view) {
    if (view.countdown_seconds) {
        output_.say(std::to_string(*view.countdown_seconds), view.language);
    }
}

}  // namespace hk::ui::speech
