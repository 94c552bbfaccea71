// The site configuration provincial IT pushes to a kiosk: its service catalogue (with what to bring for each
// service, the one-time notification form), screen texts in place of the built-in ones, its opening hours and
// the session timings. One JSON document with a version, delivered inside a CMS signature
// (signed_document.h) as a hawkBit software module of type hukiosk-config (docs/updates.md).
//
// Every part is optional and a part left out means the kiosk's own default (the built-in or config-file
// catalogue, the gettext texts, always open, the config file's timings), so each document says all there is
// to say about the site and applying one never depends on which came before. Device settings (backends,
// paths, queues) stay in the kiosk's config file: changing them needs the devices reopened, which is a
// restart.
#pragma once

#include <array>
#include <ctime>
#include <expected>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/catalogue.h"
#include "kiosk/session/engine.h"

namespace hk::kiosk {

inline constexpr std::string_view kSiteConfigFormat = "hukiosk-site-config/1";

// Weekly opening hours in local time: "mon": ["08:00-12:00", "13:30-20:00"]; a day not named is closed.
class OpeningHours {
  public:
    struct Interval {
        int open = 0;   // minutes after midnight
        int close = 0;  // exclusive; 24:00 is 1440
    };
    [[nodiscard]] bool is_open(const std::tm& local) const;
    // When it opens next after `local`, as "YYYY-MM-DD HH:MM" (within the coming week).
    [[nodiscard]] std::string next_opening(const std::tm& local) const;

    std::array<std::vector<Interval>, 7> by_weekday = {};  // [0] is Monday
};

struct SiteConfig {
    std::string version;
    std::optional<Catalogue> catalogue = std::nullopt;
    std::map<std::string, LocalisedText, std::less<>> texts = {};  // screen text id -> its replacement
    std::optional<OpeningHours> opening_hours = std::nullopt;      // none: always open
    std::optional<Millis> idle_timeout = std::nullopt;
    std::optional<Millis> warning_period = std::nullopt;
    std::optional<Millis> done_timeout = std::nullopt;

    // `base` (the config file's engine settings) with this document's session timings.
    [[nodiscard]] EngineConfig engine_config(EngineConfig base) const;
};

// Reads and checks a site configuration document; the error says which part is wrong and why. Texts must name
// screen texts the kiosk has and give all three languages; the timeout warning must leave a citizen at least
// 20 s to ask for more time (accessibility).
std::expected<SiteConfig, std::string> parse_site_config(std::string_view json);

}  // namespace hk::kiosk
