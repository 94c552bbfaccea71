#include "config.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace hk::kiosk {
namespace {

using nlohmann::json;

std::chrono::milliseconds seconds_key(const json& doc, const char* key, std::chrono::milliseconds fallback) {
    if (!doc.contains(key)) return fallback;
    const double seconds = doc.at(key).get<double>();
    if (seconds <= 0 || seconds > 24 * 3600) throw std::invalid_argument(std::string(key) + " out of range");
    return std::chrono::milliseconds(static_cast<long>(seconds * 1000));
}

}  // namespace

std::expected<KioskConfig, std::string> parse_config(std::string_view text) {
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return std::unexpected("config is not a JSON object");
    KioskConfig config;
    try {
        config.kiosk_id = doc.value("kiosk_id", config.kiosk_id);
        if (doc.contains("catalogue")) config.catalogue_file = doc.at("catalogue").get<std::string>();
        if (doc.contains("language")) {
            const auto language = language_from_tag(doc.at("language").get<std::string>());
            if (!language) return std::unexpected("language must be zh-CN, en or ko");
            config.engine.default_language = *language;
        }
        config.engine.idle_timeout = seconds_key(doc, "idle_timeout_s", config.engine.idle_timeout);
        config.engine.warning_period = seconds_key(doc, "timeout_warning_s", config.engine.warning_period);
        config.engine.done_timeout = seconds_key(doc, "done_timeout_s", config.engine.done_timeout);
        config.engine.step_timeout = seconds_key(doc, "step_timeout_s", config.engine.step_timeout);
        config.health_poll = seconds_key(doc, "health_poll_s", config.health_poll);
        if (doc.contains("screen")) {
            config.screen_width = doc.at("screen").value("width", config.screen_width);
            config.screen_height = doc.at("screen").value("height", config.screen_height);
            if (config.screen_width < 320 || config.screen_height < 320)
                return std::unexpected("screen too small");
        }
        if (doc.contains("journal_db")) config.journal_db = doc.at("journal_db").get<std::string>();
        if (doc.contains("journal_key")) config.journal_key = doc.at("journal_key").get<std::string>();
        if (doc.contains("central")) {
            const json& central = doc.at("central");
            config.central.url = central.at("url").get<std::string>();
            config.central.ca_file = central.at("ca_file").get<std::string>();
            config.central.cert_file = central.at("cert_file").get<std::string>();
            config.central.key_file = central.at("key_file").get<std::string>();
            config.central.connect_timeout_s =
                central.value("connect_timeout_s", config.central.connect_timeout_s);
            config.central.request_timeout_s =
                central.value("request_timeout_s", config.central.request_timeout_s);
            config.central.attempts = central.value("attempts", config.central.attempts);
            if (!config.central.url.starts_with("https://"))
                return std::unexpected("central.url must be https://");
            if (config.central.attempts < 1 || config.central.attempts > 10) {
                return std::unexpected("central.attempts must be 1 to 10");
            }
        }
        if (doc.contains("simulation")) {
            const json& sim = doc.at("simulation");
            config.sim_a4_sheets = sim.value("a4_sheets", config.sim_a4_sheets);
            config.sim_receipt_paper_mm = sim.value("receipt_paper_mm", config.sim_receipt_paper_mm);
        }
    } catch (const std::exception& e) {
        return std::unexpected(std::string("config: ") + e.what());
    }
    return config;
}

std::expected<KioskConfig, std::string> load_config(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return std::unexpected("cannot open config " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return parse_config(text.str());
}

}  // namespace hk::kiosk
