// What the screen shows, decided by the kiosk's session engine and drawn by the front end. The UI knows view models
// and user actions, never devices or the session's rules.
#pragma once

#include <cstdint>
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

struct ViewModel {
    std::string screen;  // stable screen id ("attract", "identify_card", ...): for scripts, screenshots, tests
    std::string language;  // BCP 47 tag of the texts: "zh-CN", "en", "ko"
    std::string title;
    std::vector<std::string> lines;  // body text, one paragraph each
    std::vector<Button> buttons;
    std::optional<double> progress;          // 0..1 when a long step shows progress
    std::optional<int> countdown_seconds;    // timeout warning
    std::string footer;
    Tone tone = Tone::Normal;

    friend bool operator==(const ViewModel&, const ViewModel&) = default;
};

}  // namespace hk::ui
