// Turns what the screen shows into what is spoken, for citizens who cannot see it. Pure logic on a
// SpeechOutput: it remembers the last view it was given and speaks only what changed, in the view's language.
// It never adds words of its own (choices are read as "1, <label>"), so it needs no translations.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ui/speech/speech_output.h"
#include "ui/view_model.h"

namespace hk::ui::speech {

class Narrator {
  public:
    explicit Narrator(SpeechOutput& output) : output_(output) {}

    // After each render. Silent unless view.presentation.speech. A new screen, language, title or text (or a
    // countdown appearing) interrupts and speaks the whole screen: title, lines, progress, countdown, entry,
    // then the enabled buttons numbered as the keypad numbers them. Otherwise only news is spoken: a typed
    // character (a tone when the entry is masked, never the digit), an erase tone, progress at each quarter,
    // the countdown at 10 and 5 seconds. Switching speech on speaks the whole screen; switching it off
    // interrupts.
    void on_view(const ViewModel& view);
    // The keypad moved its focus to view.buttons[button_index]: its label cuts off whatever was being said.
    void on_focus(const ViewModel& view, std::size_t button_index);
    // The same for view.toolbar[toolbar_index] (language and accessibility switches).
    void on_toolbar_focus(const ViewModel& view, std::size_t toolbar_index);
    // The whole screen again, from the start.
    void repeat(const ViewModel& view);
    // view.help, or the whole screen when the view has no help text.
    void help(const ViewModel& view);

  private:
    void speak_label(const ViewModel& view, const std::vector<Button>& buttons, std::size_t index);
    void speak_screen(const ViewModel& view);
    void speak_entry_change(const ViewModel& view, const std::optional<std::string>& before);
    void speak_progress(const ViewModel& view);
    void speak_countdown(const ViewModel& view);

    SpeechOutput& output_;
    std::optional<ViewModel> last_;     // the last view given to on_view, spoken or not
    std::optional<int> spoken_volume_;  // the volume last sent to the output
};

}  // namespace hk::ui::speech
