#include "kiosk_voice.h"

#include "ops/events/log_event.h"
#include "ui/speech/speaker.h"

namespace hk::kiosk {
namespace {

const char* cue_name(ui::speech::ToneCue cue) {
    switch (cue) {
        case ui::speech::ToneCue::MaskedDigit:
            return "masked_digit";
        case ui::speech::ToneCue::Erase:
            return "erase";
        case ui::speech::ToneCue::Error:
            return "error";
        case ui::speech::ToneCue::Level:
            return "level";
    }
    return "unknown";
}

}  // namespace

SpeechTranscript::SpeechTranscript(const std::filesystem::path& file) : out_(file, std::ios::trunc) {}

void SpeechTranscript::say(const std::string& text, const std::string& language) {
    out_ << "say " << language << ' ' << text << '\n' << std::flush;
}
void SpeechTranscript::tone(ui::speech::ToneCue cue) {
    out_ << "tone " << cue_name(cue) << '\n' << std::flush;
}
void SpeechTranscript::interrupt() {
    out_ << "interrupt\n" << std::flush;
}
void SpeechTranscript::set_volume(int step) {
    out_ << "volume " << step << '\n' << std::flush;
}

KioskVoice::KioskVoice(const VoiceChoice& choice) {
    if (!choice.speech_available) {
        ops::log_event(ops::EventId::SpeechUnavailable,
                       "speech is off in the configuration (\"speech\": false)");
        output_ = std::make_unique<Silence>();
    } else if (choice.simulated_headless) {
        if (choice.transcript_file.empty()) {
            output_ = std::make_unique<Silence>();
        } else {
            output_ = std::make_unique<SpeechTranscript>(choice.transcript_file);
        }
    } else {
        waiting_for_a_device_ = !open_speaker();
    }
}

bool KioskVoice::open_speaker() {
    auto speaker = ui::speech::Speaker::open_default();
    if (!speaker) {
        ops::log_event(ops::EventId::SpeechUnavailable, "{}", speaker.error());
        if (!output_) output_ = std::make_unique<Silence>();
        return false;
    }
    output_ = std::move(*speaker);
    output_->set_volume(volume_);
    return true;
}

void KioskVoice::headset_plugged() {
    if (waiting_for_a_device_) waiting_for_a_device_ = !open_speaker();
}

void speak_about(ui::speech::Narrator& narrator, const ui::Input& input, const ui::ViewModel& shown) {
    if (const auto* focus = std::get_if<ui::FocusMoved>(&input)) {
        if (focus->in_toolbar) {
            narrator.on_toolbar_focus(shown, focus->index);
        } else {
            narrator.on_focus(shown, focus->index);
        }
    } else if (std::holds_alternative<ui::HelpOpened>(input)) {
        narrator.help(shown);
    } else if (std::holds_alternative<ui::RepeatRequested>(input)) {
        narrator.repeat(shown);
    }
}

}  // namespace hk::kiosk
