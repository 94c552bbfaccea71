#include "ui/speech/speaker.h"

#include <algorithm>
#include <vector>

#include "ui/speech/sdl_audio_sink.h"
#include "ui/speech/tones.h"
#include "ui/speech/volume.h"
#include "ui/view_model.h"

namespace hk::ui::speech {

Speaker::Speaker(Synthesizer synthesizer, std::unique_ptr<AudioSink> sink)
    : synthesizer_(synthesizer),
      sink_(std::move(sink)),
      worker_([this](const std::stop_token& stop) { run(stop); }) {}

Speaker::~Speaker() {
    worker_.request_stop();
    interrupt();  // also cuts short a synthesis in progress, so the join below is quick
}

std::expected<std::unique_ptr<Speaker>, std::string> Speaker::open_default() {
    auto synthesizer = Synthesizer::open();
    if (!synthesizer) {
        return std::unexpected(synthesizer.error());
    }
    auto sink = SdlAudioSink::open(synthesizer->sample_rate());
    if (!sink) {
        return std::unexpected(sink.error());
    }
    return std::make_unique<Speaker>(*synthesizer, std::move(*sink));
}

void Speaker::say(const std::string& text, const std::string& language) {
    if (text.empty()) {
        return;
    }
    {
        const std::scoped_lock lock(mutex_);
        queue_.emplace_back(Words{.text = text, .language = language});
    }
    wake_.notify_one();
}

void Speaker::tone(ToneCue cue) {
    {
        const std::scoped_lock lock(mutex_);
        queue_.emplace_back(cue);
    }
    wake_.notify_one();
}

void Speaker::interrupt() {
    const std::scoped_lock lock(mutex_);
    queue_.clear();
    ++generation_;
    sink_->clear();
    if (!busy_) {
        idle_changed_.notify_all();
    }
}

void Speaker::set_volume(int step) {
    const std::scoped_lock lock(mutex_);
    volume_ = std::clamp(step, Presentation::kMinVolume, Presentation::kMaxVolume);
}

bool Speaker::idle() const {
    const std::scoped_lock lock(mutex_);
    return queue_.empty() && !busy_;
}

bool Speaker::wait_until_idle(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return idle_changed_.wait_for(lock, timeout, [this] { return queue_.empty() && !busy_; });
}

std::optional<std::string> Speaker::last_error() const {
    const std::scoped_lock lock(mutex_);
    return last_error_;
}

void Speaker::run(const std::stop_token& stop) {
    std::unique_lock lock(mutex_);
    while (wake_.wait(lock, stop, [this] { return !queue_.empty(); })) {
        const Utterance utterance = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
        const std::uint64_t generation = generation_;
        const bool silent = volume_ <= Presentation::kMinVolume;
        lock.unlock();
        if (!silent) {  // at volume 0 there is nothing to hear, so nothing is synthesised either
            speak(utterance, generation);
        }
        lock.lock();
        busy_ = false;
        if (queue_.empty()) {
            idle_changed_.notify_all();
        }
    }
}

void Speaker::speak(const Utterance& utterance, std::uint64_t generation) {
    if (const auto* cue = std::get_if<ToneCue>(&utterance)) {
        const AudioClip clip = tone_for(*cue, sink_->sample_rate());
        deliver(clip.samples, generation);
        return;
    }
    const auto& words = std::get<Words>(utterance);
    auto spoken = synthesizer_.synthesize(words.text, words.language, [this, generation](auto samples) {
        return deliver(samples, generation);
    });
    if (!spoken) {
        const std::scoped_lock lock(mutex_);
        last_error_ = spoken.error();
    }
}

bool Speaker::deliver(std::span<const std::int16_t> samples, std::uint64_t generation) {
    std::vector<std::int16_t> scaled(samples.begin(), samples.end());
    const std::scoped_lock lock(mutex_);
    if (generation != generation_) {
        return false;  // interrupted: what is left of this utterance must not be heard
    }
    apply_gain(scaled, gain_for_volume(volume_));
    if (auto queued = sink_->queue(scaled); !queued) {
        last_error_ = queued.error();
    }
    return true;
}

}  // namespace hk::ui::speech
