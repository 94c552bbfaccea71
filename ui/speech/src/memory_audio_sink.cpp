#include "ui/speech/memory_audio_sink.h"

namespace hk::ui::speech {

std::expected<void, std::string> MemoryAudioSink::queue(std::span<const std::int16_t> samples) {
    const std::scoped_lock lock(mutex_);
    pending_.insert(pending_.end(), samples.begin(), samples.end());
    received_.insert(received_.end(), samples.begin(), samples.end());
    return {};
}

void MemoryAudioSink::clear() {
    const std::scoped_lock lock(mutex_);
    pending_.clear();
    ++clear_count_;
}

bool MemoryAudioSink::is_playing() const {
    const std::scoped_lock lock(mutex_);
    return !pending_.empty();
}

std::vector<std::int16_t> MemoryAudioSink::pending() const {
    const std::scoped_lock lock(mutex_);
    return pending_;
}

std::vector<std::int16_t> MemoryAudioSink::received() const {
    const std::scoped_lock lock(mutex_);
    return received_;
}

int MemoryAudioSink::clear_count() const {
    const std::scoped_lock lock(mutex_);
    return clear_count_;
}

}  // namespace hk::ui::speech
