// The kiosk's voice for citizens who cannot see the screen: espeak-ng on the loudspeaker or headset; in a
// simulated headless run with an output folder, a transcript of what would have been said instead (the
// end-to-end tests' hook: those sessions serve simulated people only, so nothing personal is written); and
// silence when neither is possible, with the reason logged once.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "ui/front_end.h"
#include "ui/speech/narrator.h"
#include "ui/speech/speech_output.h"
#include "ui/view_model.h"

namespace hk::kiosk {

// Writes one line per utterance: "say <language> <text>", "tone <cue>", "interrupt", "volume <step>".
class SpeechTranscript final : public ui::speech::SpeechOutput {
  public:
    explicit SpeechTranscript(const std::filesystem::path& file);
    void say(const std::string& text, const std::string& language) override;
    void tone(ui::speech::ToneCue cue) override;
    void interrupt() override;
    void set_volume(int step) override;

  private:
    std::ofstream out_;
};

class Silence final : public ui::speech::SpeechOutput {
  public:
    void say(const std::string&, const std::string&) override {}
    void tone(ui::speech::ToneCue) override {}
    void interrupt() override {}
    void set_volume(int) override {}
};

struct VoiceChoice {
    bool speech_available = true;  // the configuration's `speech`
    bool simulated_headless = false;
    std::filesystem::path transcript_file;  // used when simulated_headless and not empty
};

// The voice the narrator speaks through. Never fails to open: the worst case is silence (and the
// speech_unavailable event). A headset plugged in later gives the sound device another chance.
class KioskVoice final : public ui::speech::SpeechOutput {
  public:
    explicit KioskVoice(const VoiceChoice& choice);
    void say(const std::string& text, const std::string& language) override { output_->say(text, language); }
    void tone(ui::speech::ToneCue cue) override { output_->tone(cue); }
    void interrupt() override { output_->interrupt(); }
    void set_volume(int step) override {
        volume_ = step;
        output_->set_volume(step);
    }
    // An audio output appeared: when the kiosk is silent only for want of a device, try it.
    void headset_plugged();

  private:
    bool open_speaker();

    std::unique_ptr<ui::speech::SpeechOutput> output_;
    bool waiting_for_a_device_ = false;
    int volume_ = ui::Presentation{}.volume;
};

// Input from the front end that only the voice acts on: keypad focus (the label is spoken), help, repeat.
void speak_about(ui::speech::Narrator& narrator, const ui::Input& input, const ui::ViewModel& shown);

}  // namespace hk::kiosk
