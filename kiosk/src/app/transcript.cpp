#include "transcript.h"

#include <cstdio>

namespace hk::kiosk {

Transcript::Transcript(const std::filesystem::path& file) : out_(file, std::ios::trunc) {}

void Transcript::write(std::chrono::milliseconds at, std::string_view kind, std::string_view text) {
    if (!out_.is_open()) return;
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%9.3f", static_cast<double>(at.count()) / 1000.0);
    out_ << stamp << ' ' << kind << ' ' << text << '\n';
    out_.flush();
}

void Transcript::event(std::chrono::milliseconds at, const Event& event) {
    if (std::holds_alternative<ClockTick>(event))
        return;  // ticks carry no news; screens and timeouts show their effect
    write(at, "event  ", describe_for_log(event));
}

void Transcript::command(std::chrono::milliseconds at, const Command& command) {
    write(at, "command", command_name(command));
}

void Transcript::screen(std::chrono::milliseconds at, std::string_view screen) {
    write(at, "screen ", screen);
}

void Transcript::note(std::chrono::milliseconds at, std::string_view text) {
    write(at, "note   ", text);
}

}  // namespace hk::kiosk
