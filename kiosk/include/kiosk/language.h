// The languages the kiosk speaks: Simplified Chinese, English, and Korean (which serves Yanbian).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hk::kiosk {

enum class Language : std::uint8_t { Chinese, English, Korean };
inline constexpr std::array kAllLanguages = {Language::Chinese, Language::English, Language::Korean};

// BCP 47 tag: "zh-CN", "en", "ko".
std::string_view tag(Language language);
std::optional<Language> language_from_tag(std::string_view tag);

// A text given in every language the kiosk speaks.
struct LocalisedText {
    std::string zh;
    std::string en;
    std::string ko;

    [[nodiscard]] const std::string& in(Language language) const;
    friend bool operator==(const LocalisedText&, const LocalisedText&) = default;
};

}  // namespace hk::kiosk
