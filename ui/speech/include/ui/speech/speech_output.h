// What the narrator speaks through. The real one is Speaker (espeak-ng + a loudspeaker); tests use a
// recording fake.
#pragma once

#include <string>

namespace hk::ui::speech {

enum class ToneCue {
    MaskedDigit,  // a secret digit was typed: acknowledged, never said
    Erase,        // the last typed character was removed
    Error,
    Level,  // the volume changed: a beep at the new volume, so the citizen hears the level at once
};

class SpeechOutput {
  public:
    virtual ~SpeechOutput() = default;

    // Queues text to be spoken after what is already queued. language is the view's BCP 47 tag ("zh-CN",
    // "en", "ko").
    virtual void say(const std::string& text, const std::string& language) = 0;
    virtual void tone(ToneCue cue) = 0;
    // Drops everything queued and silences what is playing, so a new screen cuts the old one off.
    virtual void interrupt() = 0;
    // Presentation::kMinVolume..kMaxVolume; applies to what is queued from now on.
    virtual void set_volume(int step) = 0;
};

}  // namespace hk::ui::speech
