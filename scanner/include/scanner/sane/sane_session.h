// The process-wide SANE library session: sane_init once, sane_exit when the last user lets go.
#pragma once

#include <expected>
#include <memory>
#include <string>

namespace hk::scanner::sane {

// SANE may be initialised only once per process, and every handle must be closed before sane_exit. Each
// SaneScanner holds a share of the session while it has a device open, so the library stays initialised
// exactly as long as some device is open. When the last share goes, sane_exit runs; the next acquire()
// initialises again, which re-reads SANE_CONFIG_DIR and the backends' configuration. That is what lets a
// device that appeared later (re-plugged, or a backend re-configured) be found, and what lets tests set
// SANE_CONFIG_DIR before the first scanner is used.
class SaneSession {
  public:
    ~SaneSession();
    SaneSession(const SaneSession&) = delete;
    SaneSession& operator=(const SaneSession&) = delete;

    // The running session, or a new one (sane_init). Thread-safe.
    static std::expected<std::shared_ptr<SaneSession>, std::string> acquire();

    // The backend library's version, "major.minor.build".
    [[nodiscard]] const std::string& version() const { return version_; }

  private:
    explicit SaneSession(std::string version) : version_(std::move(version)) {}
    std::string version_;
};

}  // namespace hk::scanner::sane
