// Which espeak-ng voice says which part of a text. Kiosk texts mix scripts: a Chinese screen shows "English"
// and "한국어" as language choices and codes such as "NFC-104"; an English screen shows "中文". One voice
// reads other scripts badly (the English and Korean voices say "Chinese letter" for each Han character; the
// Mandarin voice that reads Han characters correctly reads Latin letters as pinyin), so a text is cut into
// runs by script and each run gets the voice for its script.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hk::ui::speech {

// The Mandarin voice. Debian's espeak-ng 1.51 "cmn" voice reads many characters as pinyin spelled out in
// English ("qing three", espeak-ng issues #1028 and #1236); "cmn-latn-pinyin" reads them correctly, but then
// Latin text must go to another voice.
inline constexpr std::string_view kMandarinVoice = "cmn-latn-pinyin";

// espeak-ng voice for a view's language tag: zh* -> kMandarinVoice, ko* -> "ko", anything else -> "en".
[[nodiscard]] std::string_view espeak_voice_for(std::string_view language_tag);

struct VoiceRun {
    std::string voice;
    std::string text;
    friend bool operator==(const VoiceRun&, const VoiceRun&) = default;
};

// Han runs go to the Mandarin voice, Hangul runs to "ko", Latin letters to "en" when the language is Chinese
// (the English and Korean voices read Latin themselves); digits, spaces and punctuation stay with the run
// they are in, and before any letter they are read in the language's own voice ("2, English" on a Chinese
// screen: "er", then "English"). Adjacent runs with the same voice are merged. Invalid UTF-8 bytes are kept,
// as neutral.
[[nodiscard]] std::vector<VoiceRun> voice_runs(std::string_view utf8_text, std::string_view language_tag);

}  // namespace hk::ui::speech
