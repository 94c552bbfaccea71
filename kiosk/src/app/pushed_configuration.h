// The kiosk's end of a configuration push. The update agent (its own thread) hands it a downloaded document:
// it checks the signature (update.keyring) and the content, offers the site configuration to the main loop,
// which takes it only between citizens, and then keeps the document as the one in force
// (<state_dir>/config/in-force.p7m, the one before as previous.p7m) so that the kiosk starts with it. A
// document that fails any check changes nothing: the one in force stays.
#pragma once

#include <condition_variable>
#include <expected>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "site_config.h"
#include "update/update_ports.h"

namespace hk::kiosk {

class PushedConfiguration final : public update::ConfigurationTarget {
  public:
    PushedConfiguration(std::filesystem::path keyring, std::filesystem::path folder,
                        std::chrono::milliseconds offer_timeout = std::chrono::seconds(10));

    struct Kept {
        std::optional<SiteConfig> config;  // none: no document kept, or none checks out
        std::string problem;               // why the newest kept document was not used ("" if it was)
    };
    // At start: the document in force if it still checks out, else the one before it.
    Kept load_in_force();

    // Agent thread.
    std::expected<std::string, std::string> check(const std::filesystem::path& document) override;
    std::expected<update::ApplyOutcome, std::string> apply(const std::filesystem::path& document) override;

    // Main thread, once per turn: the site configuration to put in force now, when one is offered and no
    // citizen is being served (`quiet`); an offer met by a citizen is answered "busy" and withdrawn.
    std::optional<SiteConfig> take_offer(bool quiet);

    std::string version_in_force() const;
    std::filesystem::path in_force_file() const { return folder_ / "in-force.p7m"; }

  private:
    // The document's site configuration, if it checks out and may follow the one in force.
    std::expected<SiteConfig, std::string> read_newer(const std::filesystem::path& document) const;
    std::expected<void, std::string> keep(const std::filesystem::path& document);

    enum class Answer : std::uint8_t { None, Taken, Busy };

    std::filesystem::path keyring_;
    std::filesystem::path folder_;
    std::chrono::milliseconds offer_timeout_;
    mutable std::mutex mutex_;
    std::condition_variable answered_;
    std::optional<SiteConfig> offer_;
    Answer answer_ = Answer::None;
    std::string version_in_force_;
};

}  // namespace hk::kiosk
