#include "site_settings.h"

#include "kiosk/view.h"

namespace hk::kiosk {

SiteSettings::SiteSettings(Catalogue& catalogue, EngineConfig engine_config,
                           std::optional<SessionEngine>& engine)
    : catalogue_(catalogue),
      default_catalogue_(catalogue),
      default_engine_config_(engine_config),
      engine_(engine) {
    engine_.emplace(catalogue_, default_engine_config_);
}

void SiteSettings::put_in_force(const SiteConfig& site) {
    catalogue_ = site.catalogue.value_or(default_catalogue_);
    set_text_overrides(site.texts);
    engine_.emplace(catalogue_, site.engine_config(default_engine_config_));
    opening_hours_ = site.opening_hours;
    last_checked_ = 0;  // look at the hours again on the next turn
    version_ = site.version;
}

std::optional<OpeningHoursChanged> SiteSettings::on_time(std::time_t now) {
    if (now == last_checked_) return std::nullopt;  // once a second is plenty
    last_checked_ = now;
    std::tm local{};
    localtime_r(&now, &local);
    const bool open = !opening_hours_ || opening_hours_->is_open(local);
    if (open == announced_open_) return std::nullopt;
    announced_open_ = open;
    return OpeningHoursChanged{open, open ? std::string() : opening_hours_->next_opening(local)};
}

}  // namespace hk::kiosk
