#include "ui/speech/sdl_audio_sink.h"

#include <SDL.h>

namespace hk::ui::speech {

std::expected<std::unique_ptr<SdlAudioSink>, std::string> SdlAudioSink::open(int sample_rate) {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        return std::unexpected(std::string("no audio driver for speech: ") + SDL_GetError());
    }
    SDL_AudioSpec wanted{};
    wanted.freq = sample_rate;
    wanted.format = AUDIO_S16SYS;
    wanted.channels = 1;
    wanted.samples = 1024;      // about 46 ms at 22050 Hz: short enough for an interrupt to be heard at once
    wanted.callback = nullptr;  // queued audio: SDL_QueueAudio feeds the device
    SDL_AudioSpec obtained{};
    // No allowed changes: SDL converts our mono 16-bit to whatever the device really takes.
    const SDL_AudioDeviceID device = SDL_OpenAudioDevice(nullptr, 0, &wanted, &obtained, 0);
    if (device == 0) {
        std::string reason = std::string("no audio device for speech: ") + SDL_GetError();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return std::unexpected(std::move(reason));
    }
    SDL_PauseAudioDevice(device, 0);  // devices open paused; queued audio plays as soon as it arrives
    return std::unique_ptr<SdlAudioSink>(new SdlAudioSink(device, sample_rate));
}

SdlAudioSink::~SdlAudioSink() {
    SDL_CloseAudioDevice(device_);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

std::expected<void, std::string> SdlAudioSink::queue(std::span<const std::int16_t> samples) {
    if (samples.empty()) {
        return {};
    }
    const auto bytes = static_cast<Uint32>(samples.size_bytes());
    if (SDL_QueueAudio(device_, samples.data(), bytes) != 0) {
        return std::unexpected(std::string("speech audio could not be queued: ") + SDL_GetError());
    }
    return {};
}

void SdlAudioSink::clear() {
    SDL_ClearQueuedAudio(device_);
}

bool SdlAudioSink::is_playing() const {
    return SDL_GetQueuedAudioSize(device_) > 0;
}

}  // namespace hk::ui::speech
