// What a site configuration changes in the running kiosk, in one place, on the main thread between citizens:
// the catalogue the engine and the receipts read (replaced in place, so both see it), the screen texts, the
// engine's session timings (the engine is made anew; the state is not touched), and the opening hours,
// announced to the engine as OpeningHoursChanged when the kiosk opens or closes.
#pragma once

#include <ctime>
#include <optional>
#include <string>

#include "kiosk/session/engine.h"
#include "kiosk/session/events.h"
#include "site_config.h"

namespace hk::kiosk {

class SiteSettings {
  public:
    // `catalogue` and `engine` are the main loop's; what they hold now is the kiosk's own default.
    SiteSettings(Catalogue& catalogue, EngineConfig engine_config, std::optional<SessionEngine>& engine);

    void put_in_force(const SiteConfig& site);
    // Once a turn with the local time: the event to push when the kiosk opens or closes, else none.
    std::optional<OpeningHoursChanged> on_time(std::time_t now);

    const std::string& version() const { return version_; }

  private:
    Catalogue& catalogue_;
    const Catalogue default_catalogue_;
    const EngineConfig default_engine_config_;
    std::optional<SessionEngine>& engine_;
    std::optional<OpeningHours> opening_hours_;
    bool announced_open_ = true;
    std::time_t last_checked_ = 0;
    std::string version_;
};

}  // namespace hk::kiosk
