#include "site_config.h"

#include <nlohmann/json.hpp>

#include "kiosk/view.h"

namespace hk::kiosk {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr int kMinutesPerDay = 24 * 60;

// "HH:MM" -> minutes after midnight; "24:00" only as a closing time.
std::optional<int> minutes_of(std::string_view text, bool closing) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (std::size_t i : {0U, 1U, 3U, 4U}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    }
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (minutes > 59) return std::nullopt;
    if (hours == 24 && minutes == 0 && closing) return kMinutesPerDay;
    if (hours > 23) return std::nullopt;
    return hours * 60 + minutes;
}

std::expected<OpeningHours, std::string> parse_opening_hours(const json& days) {
    if (!days.is_object()) return std::unexpected("opening_hours must map days (mon ... sun) to lists");
    OpeningHours hours;
    bool any = false;
    for (const auto& [day, intervals] : days.items()) {
        const auto* name = std::find(kDayNames.begin(), kDayNames.end(), day);
        if (name == kDayNames.end()) return std::unexpected("opening_hours: unknown day '" + day + "'");
        if (!intervals.is_array()) return std::unexpected("opening_hours." + day + " must be a list");
        auto& slots = hours.by_weekday.at(static_cast<std::size_t>(name - kDayNames.begin()));
        for (const json& interval : intervals) {
            const std::string text = interval.is_string() ? interval.get<std::string>() : std::string();
            const auto open = minutes_of(std::string_view(text).substr(0, 5), false);
            const auto close = text.size() == 11 && text[5] == '-'
                                   ? minutes_of(std::string_view(text).substr(6), true)
                                   : std::nullopt;
            if (!open || !close || *close <= *open) {
                return std::unexpected("opening_hours." + day + ": '" + text + "' is not HH:MM-HH:MM");
            }
            if (!slots.empty() && *open < slots.back().close) {
                return std::unexpected("opening_hours." + day + ": intervals overlap or are out of order");
            }
            slots.push_back({*open, *close});
            any = true;
        }
    }
    // A document that would close the kiosk for good is a mistake, not a wish: maintenance is for that.
    if (!any) return std::unexpected("opening_hours opens on no day");
    return hours;
}

std::expected<std::map<std::string, LocalisedText, std::less<>>, std::string> parse_texts(const json& node) {
    if (!node.is_object()) return std::unexpected("texts must map screen text ids to {zh, en, ko}");
    std::map<std::string, LocalisedText, std::less<>> texts;
    for (const auto& [id, given] : node.items()) {
        if (!has_text(id)) return std::unexpected("texts: the kiosk has no screen text '" + id + "'");
        LocalisedText text;
        for (auto [key, field] :
             {std::pair{"zh", &text.zh}, std::pair{"en", &text.en}, std::pair{"ko", &text.ko}}) {
            const json* value = given.is_object() && given.contains(key) ? &given.at(key) : nullptr;
            if (value == nullptr || !value->is_string() || value->get<std::string>().empty()) {
                return std::unexpected("texts." + id + " needs zh, en and ko");
            }
            *field = value->get<std::string>();
        }
        texts.emplace(id, std::move(text));
    }
    return texts;
}

// session.<key> in whole seconds within [low, high].
std::expected<std::optional<Millis>, std::string> seconds_in(const json& session, const char* key, int low,
                                                             int high) {
    if (!session.contains(key)) return std::optional<Millis>();
    const json& value = session.at(key);
    if (!value.is_number_integer() || value.get<long long>() < low || value.get<long long>() > high) {
        return std::unexpected("session." + std::string(key) + " must be whole seconds from " +
                               std::to_string(low) + " to " + std::to_string(high));
    }
    return std::optional<Millis>(Millis(value.get<long long>() * 1000));
}

std::expected<void, std::string> parse_session(const json& session, SiteConfig& config) {
    if (!session.is_object()) return std::unexpected("session must be an object");
    for (const auto& [key, value] : session.items()) {
        if (key != "idle_timeout_s" && key != "warning_s" && key != "done_timeout_s") {
            return std::unexpected("session: unknown setting '" + key + "'");
        }
    }
    auto idle = seconds_in(session, "idle_timeout_s", 20, 600);
    // Accessibility: at least 20 s to ask for more time (Section 508 §407.8 / EN 301 549).
    auto warning = seconds_in(session, "warning_s", 20, 120);
    auto done = seconds_in(session, "done_timeout_s", 5, 300);
    for (const auto* part : {&idle, &warning, &done}) {
        if (!*part) return std::unexpected(part->error());
    }
    config.idle_timeout = *idle;
    config.warning_period = *warning;
    config.done_timeout = *done;
    return {};
}

}  // namespace

bool OpeningHours::is_open(const std::tm& local) const {
    const auto weekday = static_cast<std::size_t>((local.tm_wday + 6) % 7);  // tm_wday 0 is Sunday
    const int minute = local.tm_hour * 60 + local.tm_min;
    for (const Interval& interval : by_weekday.at(weekday)) {
        if (minute >= interval.open && minute < interval.close) return true;
    }
    return false;
}

std::string OpeningHours::next_opening(const std::tm& local) const {
    const int now = local.tm_hour * 60 + local.tm_min;
    for (int days_ahead = 0; days_ahead <= 7; ++days_ahead) {
        const auto weekday = static_cast<std::size_t>((local.tm_wday + 6 + days_ahead) % 7);
        for (const Interval& interval : by_weekday.at(weekday)) {
            if (days_ahead == 0 && interval.open <= now) continue;
            std::tm day = local;
            day.tm_mday += days_ahead;
            day.tm_hour = 12;  // noon: a daylight-saving change cannot move the date
            day.tm_isdst = -1;
            std::mktime(&day);
            char date[16];
            std::strftime(date, sizeof date, "%Y-%m-%d", &day);
            char time[8];
            std::snprintf(time, sizeof time, "%02d:%02d", (interval.open / 60) % 24, interval.open % 60);
            return std::string(date) + " " + time;
        }
    }
    return {};
}

EngineConfig SiteConfig::engine_config(EngineConfig base) const {
    if (idle_timeout) base.idle_timeout = *idle_timeout;
    if (warning_period) base.warning_period = *warning_period;
    if (done_timeout) base.done_timeout = *done_timeout;
    return base;
}

std::expected<SiteConfig, std::string> parse_site_config(std::string_view text) {
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) return std::unexpected("not a JSON object");
    if (doc.value("format", "") != kSiteConfigFormat) {
        return std::unexpected("format must be " + std::string(kSiteConfigFormat));
    }
    SiteConfig config;
    const json* version = doc.contains("version") ? &doc.at("version") : nullptr;
    if (version == nullptr || !version->is_string() || version->get<std::string>().empty() ||
        version->get<std::string>().size() > 64) {
        return std::unexpected("version is missing");
    }
    config.version = version->get<std::string>();
    for (const auto& [key, value] : doc.items()) {
        if (key == "format" || key == "version") continue;
        if (key == "catalogue") {
            auto catalogue = parse_catalogue(value.dump());
            if (!catalogue) return std::unexpected("catalogue: " + catalogue.error());
            config.catalogue = std::move(*catalogue);
        } else if (key == "texts") {
            auto texts = parse_texts(value);
            if (!texts) return std::unexpected(texts.error());
            config.texts = std::move(*texts);
        } else if (key == "opening_hours") {
            auto hours = parse_opening_hours(value);
            if (!hours) return std::unexpected(hours.error());
            config.opening_hours = std::move(*hours);
        } else if (key == "session") {
            if (auto session = parse_session(value, config); !session)
                return std::unexpected(session.error());
        } else {
            // A part this version does not know would be silently ignored: refuse rather than half-apply.
            return std::unexpected("unknown part '" + key + "'");
        }
    }
    return config;
}

}  // namespace hk::kiosk
