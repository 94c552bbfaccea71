// kioskctl's online subcommands: they talk to the running kiosk over its control socket (see
// ops/control/control_protocol.h) and print what it answers for a technician, or as JSON with --json.
//   status, devices, selftest [DEVICE], test-print [--printer], test-scan, nfc-field-test [--seconds],
//   counters, logs [--since], support-bundle --to DIR, readiness-report [--print] [--to FILE.pdf],
//   maintenance on|off, audit verify [--file], metrics; and hash-pin (offline: the pin_hash of a technician
//   for the config).
// Exit codes: 0 done and all well; 1 done but something is wrong (a self-test failed, a print failed, the
// audit log is broken); 2 usage; 3 cannot reach the kiosk (none running, permission denied, no answer); 4 the
// kiosk is busy (a citizen is being served) or refused.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

namespace hk::kiosk::ctl {

class OnlineCommands {
  public:
    explicit OnlineCommands(CLI::App& cli);
    // Runs the online subcommand that was parsed; nullopt when none was.
    std::optional<int> run(std::istream& in, std::ostream& out, std::ostream& err);

  private:
    struct Parsed;
    std::shared_ptr<Parsed> parsed_;
};

// "10m", "2h", "45s", "3d" before `now`, or a UTC time "2026-11-23T08:00:00[Z]"; milliseconds since the
// epoch.
std::optional<std::int64_t> parse_since(const std::string& text, std::chrono::system_clock::time_point now);

}  // namespace hk::kiosk::ctl
