// Internal to the view builder: the writer each screen function fills in, shared by the citizen screens
// (view_builder.cpp) and the service screens (service_screens.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/view.h"

namespace hk::kiosk::view_detail {

// The toolbar belongs to a citizen's session: the attract and out-of-service screens have nobody to serve
// yet.
inline bool shows_toolbar(const State& state) {
    return state.session.has_value() && state.screen != Screen::Attract &&
           state.screen != Screen::OutOfService;
}

// Each language's button is labelled in that language, so a citizen finds their own whatever is on screen;
// the current one is greyed out. The speech button says what a tap will do.
inline std::vector<ui::Button> language_buttons(Language current) {
    std::vector<ui::Button> buttons;
    for (Language language : kAllLanguages) {
        buttons.push_back({"lang:" + std::string(tag(language)), std::string(text(language, "language.name")),
                           false, language != current});
    }
    return buttons;
}

inline std::vector<ui::Button> toolbar(Language current, const ui::Presentation& presentation) {
    std::vector<ui::Button> buttons = language_buttons(current);
    const auto button = [current](std::string action, std::string_view id) {
        return ui::Button{std::move(action), std::string(text(current, id))};
    };
    buttons.push_back(button("a11y:large_text", "toolbar.large_text"));
    buttons.push_back(button("a11y:contrast", "toolbar.contrast"));
    buttons.push_back(
        button("a11y:speech", presentation.speech ? "toolbar.speech_off" : "toolbar.speech_on"));
    buttons.push_back(button("help", "toolbar.help"));
    return buttons;
}

// Builds one screen's view model: the texts in the language of whoever is at the screen (the citizen, or the
// technician in service mode), the toolbar, and the buttons the screen function adds.
class ViewWriter {
  public:
    ViewWriter(const State& state, const SessionEngine& engine) : state_(state), engine_(engine) {
        language_ = state.session         ? state.session->language
                    : state.service_visit ? state.service_visit->language
                                          : engine.config().default_language;
        view_.screen = std::string(to_string(state.screen));
        view_.language = std::string(tag(language_));
        view_.help = t("help." + std::string(to_string(state.screen)));
        if (state.session) {
            view_.footer = t("footer.privacy");
            view_.presentation = state.session->presentation;
        }
        if (shows_toolbar(state)) view_.toolbar = toolbar(language_, view_.presentation);
        // A technician may switch the language and read the help; the accessibility switches are the
        // citizens'.
        if (state.service_visit) {
            view_.toolbar = language_buttons(language_);
            view_.toolbar.push_back({"help", t("toolbar.help")});
        }
    }

    [[nodiscard]] std::string t(std::string_view id) const { return std::string(text(language_, id)); }
    [[nodiscard]] Language language() const { return language_; }
    [[nodiscard]] const Session& session() const { return *state_.session; }
    [[nodiscard]] const Service* service() const {
        return state_.session ? engine_.catalogue().find(state_.session->service_id) : nullptr;
    }
    [[nodiscard]] const State& state() const { return state_; }
    [[nodiscard]] const SessionEngine& engine() const { return engine_; }

    void title(std::string_view id) { view_.title = t(id); }
    void title_text(std::string text) { view_.title = std::move(text); }
    void line(std::string text) { view_.lines.push_back(std::move(text)); }
    void line_id(std::string_view id) { line(t(id)); }
    void button(std::string action, std::string label, bool primary = false, bool enabled = true) {
        view_.buttons.push_back({std::move(action), std::move(label), primary, enabled});
    }
    void button_id(std::string action, std::string_view id, bool primary = false, bool enabled = true) {
        button(std::move(action), t(id), primary, enabled);
    }
    void tone(ui::Tone tone) { view_.tone = tone; }
    void progress(double value) { view_.progress = value; }
    void countdown(int seconds) { view_.countdown_seconds = seconds; }
    // The keypad on screen: 1-9 then 0, each typing its digit.
    void digit_buttons(bool enabled = true) {
        for (char digit = '1'; digit <= '9'; ++digit)
            button(std::string("digit:") + digit, std::string(1, digit), false, enabled);
        button("digit:0", "0", false, enabled);
    }
    void photo(std::shared_ptr<const ui::Photo> face) { view_.photo = std::move(face); }
    void qr(std::string text) { view_.qr = std::move(text); }
    void entry(std::string digits, bool masked) {
        view_.entry = std::move(digits);
        view_.entry_masked = masked;
    }
    [[nodiscard]] std::string count(long n) const { return format_count(language_, n); }
    [[nodiscard]] std::string date(std::string_view iso_date) const {
        return format_date(language_, iso_date);
    }
    void hint() {
        if (state_.session && state_.session->hint) line(t("hint." + *state_.session->hint));
    }
    void cancel_button() { button_id("cancel", "button.cancel"); }

    ui::ViewModel take() { return std::move(view_); }

  private:
    const State& state_;
    const SessionEngine& engine_;
    Language language_;
    ui::ViewModel view_;
};

// The service-mode screens (service_screens.cpp).
void service_screen(ViewWriter& w);

}  // namespace hk::kiosk::view_detail
