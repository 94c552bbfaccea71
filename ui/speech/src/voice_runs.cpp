#include "ui/speech/voice_runs.h"

#include <cstdint>
#include <optional>

namespace hk::ui::speech {
namespace {

enum class Script { Neutral, Latin, Han, Hangul };

struct CodePoint {
    char32_t value = 0;
    std::size_t length = 1;  // bytes
};

// Only as much UTF-8 decoding as telling scripts apart needs: a malformed byte is one neutral character.
CodePoint decode(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const auto continuation = [&](std::size_t i) -> std::optional<char32_t> {
        if (at + i >= text.size()) {
            return std::nullopt;
        }
        const auto byte = static_cast<unsigned char>(text[at + i]);
        if ((byte & 0xC0U) != 0x80U) {
            return std::nullopt;
        }
        return static_cast<char32_t>(byte & 0x3FU);
    };
    std::size_t length = 1;
    char32_t value = lead;
    if (lead >= 0xF0U && lead < 0xF8U) {
        length = 4;
        value = lead & 0x07U;
    } else if (lead >= 0xE0U) {
        length = 3;
        value = lead & 0x0FU;
    } else if (lead >= 0xC0U) {
        length = 2;
        value = lead & 0x1FU;
    } else {
        return {.value = lead, .length = 1};
    }
    for (std::size_t i = 1; i < length; ++i) {
        const auto bits = continuation(i);
        if (!bits) {
            return {.value = 0xFFFD, .length = 1};
        }
        value = (value << 6U) | *bits;
    }
    return {.value = value, .length = length};
}

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
        const CodePoint c = decode(utf8_text, at);
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
