#include "ui/speech/synthesizer.h"

#include <espeak-ng/speak_lib.h>

#include <mutex>

namespace hk::ui::speech {
namespace {

// espeak-ng keeps one engine per process: every call goes through this lock, and it is initialised once and
// never terminated (other Synthesizer copies may still use it until the process exits).
std::mutex& engine_mutex() {
    static std::mutex mutex;
    return mutex;
}

// The chunk size espeak-ng hands to the callback: short enough for speech to start quickly, long enough to
// keep the number of callbacks low.
constexpr int kChunkMilliseconds = 100;
// A little slower than espeak-ng's 175 words a minute: many of the citizens who need speech are elderly.
constexpr int kWordsPerMinute = 160;

struct EngineState {
    bool tried = false;
    int sample_rate = 0;  // 0 when initialisation failed
};

EngineState& engine() {
    static EngineState state;
    return state;
}

// espeak-ng's callback has no context argument of its own; the per-call user_data comes back in each event.
int on_synth(short* wav, int sample_count, espeak_EVENT* events) {
    if (wav == nullptr || sample_count <= 0 || events == nullptr || events->user_data == nullptr) {
        return 0;
    }
    const auto& handler = *static_cast<const PcmChunkHandler*>(events->user_data);
    const bool keep_going =
        handler(std::span<const std::int16_t>(wav, static_cast<std::size_t>(sample_count)));
    return keep_going ? 0 : 1;
}

}  // namespace

std::expected<Synthesizer, std::string> Synthesizer::open() {
    const std::scoped_lock lock(engine_mutex());
    auto& state = engine();
    if (!state.tried) {
        state.tried = true;
        // DONT_EXIT: a missing data directory must become an error value, not the end of the kiosk process.
        const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, kChunkMilliseconds, nullptr,
                                           espeakINITIALIZE_DONT_EXIT);
        if (rate > 0) {
            espeak_SetSynthCallback(on_synth);
            espeak_SetParameter(espeakRATE, kWordsPerMinute, 0);
            state.sample_rate = rate;
        }
    }
    if (state.sample_rate <= 0) {
        return std::unexpected(
            std::string("espeak-ng could not be initialised (is espeak-ng-data installed?)"));
    }
    return Synthesizer(state.sample_rate);
}

std::expected<void, std::string> Synthesizer::synthesize(std::string_view text, std::string_view language_tag,
                                                         const PcmChunkHandler& on_chunk) const {
    bool stopped = false;
    const PcmChunkHandler until_stopped = [&](std::span<const std::int16_t> samples) {
        stopped = !on_chunk(samples);
        return !stopped;
    };
    const std::scoped_lock lock(engine_mutex());
    for (const VoiceRun& run : voice_runs(text, language_tag)) {
        if (espeak_SetVoiceByName(run.voice.c_str()) != EE_OK) {
            return std::unexpected("espeak-ng has no voice \"" + run.voice + "\"");
        }
        // espeak-ng hands user_data back, unchanged, to on_synth; it never writes through it.
        auto* user_data = const_cast<PcmChunkHandler*>(&until_stopped);
        const espeak_ERROR result = espeak_Synth(run.text.c_str(), run.text.size() + 1, 0, POS_CHARACTER, 0,
                                                 espeakCHARS_UTF8, nullptr, user_data);
        if (result != EE_OK) {
            return std::unexpected("espeak-ng failed to synthesise (voice \"" + run.voice + "\")");
        }
        if (stopped) {
            break;
        }
    }
    return {};
}

std::expected<AudioClip, std::string> Synthesizer::render(std::string_view text,
                                                          std::string_view language_tag) const {
    AudioClip clip{.sample_rate = sample_rate_, .samples = {}};
    auto done = synthesize(text, language_tag, [&clip](std::span<const std::int16_t> samples) {
        clip.samples.insert(clip.samples.end(), samples.begin(), samples.end());
        return true;
    });
    if (!done) {
        return std::unexpected(done.error());
    }
    return clip;
}

}  // namespace hk::ui::speech
