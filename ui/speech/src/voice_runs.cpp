#include "ui/speech/voice_runs.h"

#include "drivers/utf8.h"

#include <cstdint>
#include <optional>

namespace hk::ui::speech {
namespace {

enum class Script { Neutral, Latin, Han, Hangul };

Script script_of(char32_t c) {
    if ((c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') ||
        (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)) {
        return Script::Latin;
    }
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0x20000 && c <= 0x2FFFF)) {
        return Script::Han;
    }
    if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F)) {
        return Script::Hangul;
    }
    return Script::Neutral;
}

}  // namespace

std::string_view espeak_voice_for(std::string_view language_tag) {
    const auto primary = language_tag.substr(0, language_tag.find_first_of("-_"));
    if (primary == "zh" || primary == "cmn") {
        return kMandarinVoice;
    }
    if (primary == "ko") {
        return "ko";
    }
    return "en";
}

std::vector<VoiceRun> voice_runs(std::string_view utf8_text, std::string_view language_tag) {
    const std::string_view own_voice = espeak_voice_for(language_tag);
    const auto voice_for = [own_voice](Script script) -> std::string_view {
        switch (script) {
            case Script::Han:
                return kMandarinVoice;
            case Script::Hangul:
                return "ko";
            case Script::Latin:
                return own_voice == kMandarinVoice ? std::string_view("en") : own_voice;
            case Script::Neutral:
                break;
        }
        return own_voice;
    };
    std::vector<VoiceRun> runs;
    std::string_view current = own_voice;
    for (std::size_t at = 0; at < utf8_text.size();) {
        const drivers::Utf8CodePoint c = drivers::decode_utf8(utf8_text, at);
        const Script script = script_of(c.value);
        if (script != Script::Neutral) {
            current = voice_for(script);
        }
        if (runs.empty() || runs.back().voice != current) {
            runs.push_back({.voice = std::string(current), .text = {}});
        }
        runs.back().text.append(utf8_text.substr(at, c.length));
        at += c.length;
    }
    return runs;
}

}  // namespace hk::ui::speech
