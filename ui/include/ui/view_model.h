// What the screen shows, decided by the kiosk's session engine and drawn by the front end. The UI knows view
// models and user actions, never devices or the session's rules.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hk::ui {

struct Button {
    std::string action;  // sent back when tapped, e.g. "service:proof_of_family_relationship"
    std::string label;   // already in the citizen's language
    bool primary = false;
    bool enabled = true;

    friend bool operator==(const Button&, const Button&) = default;
};

enum class Tone : std::uint8_t { Normal, Busy, Warning, Error, Success };

// How the citizen asked to see and hear this session. Chosen on the toolbar or the tactile keypad, kept in
// the session and so reset with it.
struct Presentation {
    bool high_contrast = false;  // the high-contrast theme: black and white with yellow accents
    bool large_text = false;     // every text about 1.4 times larger; fewer buttons per row
    bool speech = false;         // prompts, choices and results are spoken in the view's language
    int volume = 3;              // speech volume step, kMinVolume..kMaxVolume

    static constexpr int kMinVolume = 0;
    static constexpr int kMaxVolume = 5;

    friend bool operator==(const Presentation&, const Presentation&) = default;
};

// A photo on the screen: the citizen's face from their document's chip, so they see whose record it is.
// Personal data: shared (never copied into each frame's view) and zeroed when the last holder lets go.
struct Photo {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb;  // width * height * 3, rows packed

    Photo() = default;
    Photo(int w, int h, std::vector<std::uint8_t> pixels) : width(w), height(h), rgb(std::move(pixels)) {}
    ~Photo();
    Photo(const Photo&) = delete;
    Photo& operator=(const Photo&) = delete;
    Photo(Photo&&) = delete;
    Photo& operator=(Photo&&) = delete;
    [[nodiscard]] bool valid() const {
        return width > 0 && height > 0 && rgb.size() == static_cast<std::size_t>(width) * height * 3;
    }
};

struct ViewModel {
    std::string
        screen;  // stable screen id ("attract", "identify_card", ...): for scripts, screenshots, tests
    std::string language;  // BCP 47 tag of the texts: "zh-CN", "en", "ko"
    std::string title;
    std::vector<std::string> lines;  // body text, one paragraph each
    std::vector<Button> buttons;
    std::optional<double> progress;        // 0..1 when a long step shows progress
    std::optional<int> countdown_seconds;  // timeout warning
    std::string footer;
    Tone tone = Tone::Normal;
    // Language and accessibility switches, on every screen of a session (empty on attract and out of
    // service).
    std::vector<Button> toolbar;
    // What this screen is for and what to do next, shown and spoken when the citizen presses help.
    std::string help;
    // Digits being typed on the keypad: shown (or masked, and then spoken as tones, never as digits).
    std::optional<std::string> entry;
    bool entry_masked = false;
    Presentation presentation;
    // A picture in the body, above the buttons: the face from the chip (compared by identity, not pixels), or
    // a QR code of `qr` the citizen may photograph (a tracking number). The photo wins when both are set.
    std::shared_ptr<const Photo> photo;
    std::string qr;

    friend bool operator==(const ViewModel&, const ViewModel&) = default;
};

}  // namespace hk::ui
