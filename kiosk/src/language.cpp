#include "kiosk/language.h"

namespace hk::kiosk {

std::string_view tag(Language language) {
    switch (language) {
        case Language::Chinese:
            return "zh-CN";
        case Language::English:
            return "en";
        case Language::Korean:
            return "ko";
    }
    return "zh-CN";
}

std::optional<Language> language_from_tag(std::string_view text) {
    for (Language language : kAllLanguages) {
        if (tag(language) == text) return language;
    }
    return std::nullopt;
}

const std::string& LocalisedText::in(Language language) const {
    // A text missing in one language falls back to Chinese, then English, so the screen is never blank.
    const std::string* chosen = &zh;
    if (language == Language::English) chosen = &en;
    if (language == Language::Korean) chosen = &ko;
    if (!chosen->empty()) return *chosen;
    return zh.empty() ? en : zh;
}

}  // namespace hk::kiosk
