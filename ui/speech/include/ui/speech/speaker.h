// Speaks on its own worker thread: say() and tone() only queue, so the UI thread never waits for synthesis.
// The worker synthesises one utterance at a time and streams its PCM, scaled to the volume, into the sink
// while it is being produced, so speech starts before a long sentence is fully synthesised.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <thread>
#include <variant>

#include "ui/speech/audio_sink.h"
#include "ui/speech/speech_output.h"
#include "ui/speech/synthesizer.h"

namespace hk::ui::speech {

class Speaker final : public SpeechOutput {
  public:
    // sink should run at synthesizer.sample_rate(); tones are made at the sink's rate.
    Speaker(Synthesizer synthesizer, std::unique_ptr<AudioSink> sink);
    // Drops what is queued and joins the worker.
    ~Speaker() override;
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    // The kiosk's speaker: espeak-ng into the default SDL audio device. Fails with a readable reason when
    // either is missing; the kiosk then runs without speech and logs the reason.
    static std::expected<std::unique_ptr<Speaker>, std::string> open_default();

    void say(const std::string& text, const std::string& language) override;
    void tone(ToneCue cue) override;
    void interrupt() override;
    void set_volume(int step) override;

    // Nothing waiting to be synthesised and nothing being synthesised (the sink may still be playing).
    [[nodiscard]] bool idle() const;
    bool wait_until_idle(std::chrono::milliseconds timeout) const;
    [[nodiscard]] bool playing() const { return sink_->is_playing(); }
    // The last synthesis or audio failure, for the kiosk's log. Never contains the spoken text.
    [[nodiscard]] std::optional<std::string> last_error() const;

  private:
    struct Words {
        std::string text;
        std::string language;
    };
    using Utterance = std::variant<Words, ToneCue>;

    void run(const std::stop_token& stop);
    void speak(const Utterance& utterance, std::uint64_t generation);
    // Queues to the sink unless an interrupt came since the utterance was taken; false means stop producing
    // it.
    bool deliver(std::span<const std::int16_t> samples, std::uint64_t generation);

    Synthesizer synthesizer_;
    std::unique_ptr<AudioSink> sink_;

    mutable std::mutex mutex_;
    std::condition_variable_any wake_;
    mutable std::condition_variable idle_changed_;
    std::deque<Utterance> queue_;
    bool busy_ = false;             // the worker holds an utterance
    std::uint64_t generation_ = 0;  // bumped by interrupt(): PCM of an older generation is dropped
    int volume_ = 3;                // Presentation's default step
    std::optional<std::string> last_error_;

    std::jthread worker_;  // last: starts after everything it uses exists, stops before it goes
};

}  // namespace hk::ui::speech
