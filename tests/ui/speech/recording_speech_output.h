// A SpeechOutput that writes down what it was asked to do, so narrator tests read as transcripts.
#pragma once

#include <string>
#include <vector>

#include "ui/speech/speech_output.h"

namespace hk::ui::speech::testing {

struct Said {
    std::string text;
    std::string language;
    friend bool operator==(const Said&, const Said&) = default;
};

class RecordingSpeechOutput final : public SpeechOutput {
  public:
    // One line per call: "say[en] Choose a service", "tone masked-digit", "interrupt", "volume 3".
    std::vector<std::string> log;
    std::vector<Said> said;

    void say(const std::string& text, const std::string& language) override {
        log.push_back("say[" + language + "] " + text);
        said.push_back({text, language});
    }
    void tone(ToneCue cue) override { log.push_back(std::string("tone ") + name_of(cue)); }
    void interrupt() override { log.push_back("interrupt"); }
    void set_volume(int step) override { log.push_back("volume " + std::to_string(step)); }

    void forget() {
        log.clear();
        said.clear();
    }

  private:
    static const char* name_of(ToneCue cue) {
        switch (cue) {
            case ToneCue::MaskedDigit:
                return "masked-digit";
            case ToneCue::Erase:
                return "erase";
            case ToneCue::Error:
                return "error";
            case ToneCue::Level:
                return "level";
        }
        return "?";
    }
};

}  // namespace hk::ui::speech::testing
