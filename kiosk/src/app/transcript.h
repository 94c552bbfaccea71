// A line-per-step record of a run: events, commands and screens, with times. It is what the demo leaves
// behind and what a session can be replayed from, so it holds ids, codes and verdicts only — never personal
// data (describe_for_log guarantees that for events; commands are logged by name).
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "kiosk/session/commands.h"
#include "kiosk/session/events.h"

namespace hk::kiosk {

class Transcript {
  public:
    Transcript() = default;  // records nothing
    explicit Transcript(const std::filesystem::path& file);

    void event(std::chrono::milliseconds at, const Event& event);
    void command(std::chrono::milliseconds at, const Command& command);
    void screen(std::chrono::milliseconds at, std::string_view screen);
    void note(std::chrono::milliseconds at, std::string_view text);

  private:
    void write(std::chrono::milliseconds at, std::string_view kind, std::string_view text);
    std::ofstream out_;
};

}  // namespace hk::kiosk
