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

std::expected<void, std::string> parse_update(const json& section, KioskConfig::Update& update) {
    update.server_url = section.value("server_url", update.server_url);
    update.tenant = section.value("tenant", update.tenant);
    update.controller_id = section.value("controller_id", update.controller_id);
    for (auto [key, path] :
         {std::pair{"target_token_file", &update.target_token_file}, std::pair{"ca_file", &update.ca_file},
          std::pair{"cert_file", &update.cert_file}, std::pair{"key_file", &update.key_file},
          std::pair{"keyring", &update.keyring}}) {
        if (section.contains(key)) *path = section.at(key).get<std::string>();
    }
    update.allow_plain_http = section.value("allow_plain_http", update.allow_plain_http);
    update.poll_override_s = section.value("poll_override_s", update.poll_override_s);
    update.start_delay_s = section.value("start_delay_s", update.start_delay_s);
    update.compatible = section.value("compatible", update.compatible);
    update.installer = section.value("installer", update.installer);
    update.rauc_bus = section.value("rauc_bus", update.rauc_bus);
    update.province = section.value("province", update.province);
    update.site = section.value("site", update.site);
    update.hardware = section.value("hardware", update.hardware);
    if (!update.server_url.empty() && !update.server_url.starts_with("https://") &&
        !(update.allow_plain_http && update.server_url.starts_with("http://"))) {
        return std::unexpected("update.server_url must be https:// (http:// only with allow_plain_http)");
    }
    if (update.server_url.ends_with('/')) update.server_url.pop_back();
    if (update.installer != "rauc" && update.installer != "simulated") {
        return std::unexpected("update.installer must be rauc or simulated");
    }
    if (update.poll_override_s < 0 || update.poll_override_s > 24 * 3600 || update.start_delay_s < 0 ||
        update.start_delay_s > 3600) {
        return std::unexpected("update.poll_override_s or update.start_delay_s out of range");
    }
    return {};
}

std::expected<void, std::string> parse_a4_printer(const json& section, KioskConfig::A4Printer& printer) {
    printer.backend = section.value("backend", printer.backend);
    if (printer.backend != "simulated" && printer.backend != "cups") {
        return std::unexpected("a4_printer.backend must be simulated or cups");
    }
    printer::cups::CupsOptions& cups = printer.cups;
    cups.queue = section.value("queue", cups.queue);
    cups.server = section.value("server", cups.server);
    cups.job_timeout = seconds_key(section, "job_timeout_s", cups.job_timeout);
    cups.media = section.value("media", cups.media);
    cups.copies = section.value("copies", cups.copies);
    if (cups.queue.empty()) return std::unexpected("a4_printer.queue is empty");
    if (cups.copies < 1 || cups.copies > 5) return std::unexpected("a4_printer.copies must be 1 to 5");
    return {};
}

std::expected<void, std::string> parse_chip_reader(const json& section, KioskConfig::ChipReader& reader) {
    reader.backend = section.value("backend", reader.backend);
    if (reader.backend != "simulated" && !reader.backend.starts_with("pcsc:") &&
        !reader.backend.starts_with("nfc:")) {
        return std::unexpected("chip_reader.backend must be simulated, pcsc:<reader> or nfc:<connstring>");
    }
    if (section.contains("trust_store")) reader.trust_store = section.at("trust_store").get<std::string>();
    return {};
}

std::expected<void, std::string> parse_resident_id_reader(const json& section,
                                                          KioskConfig::ResidentIdReader& reader) {
    reader.backend = section.value("backend", reader.backend);
    if (reader.backend != "simulated" && !reader.backend.starts_with("ga467:")) {
        return std::unexpected("resident_id_reader.backend must be simulated or ga467:<device|usb>");
    }
    return {};
}

std::expected<void, std::string> parse_backend(const json& doc, const char* key, std::string& backend,
                                               std::initializer_list<std::string_view> prefixes) {
    if (!doc.contains(key)) return {};
    backend = doc.at(key).value("backend", backend);
    if (backend == "simulated") return {};
    for (const std::string_view prefix : prefixes) {
        if (backend.starts_with(prefix)) return {};
    }
    std::string allowed = "simulated";
    for (const std::string_view prefix : prefixes) allowed += ", " + std::string{prefix} + "...";
    return std::unexpected(std::string{key} + ".backend must be one of " + allowed);
}

std::expected<void, std::string> parse_receipt_printer(const json& section,
                                                       KioskConfig::ReceiptPrinter& printer) {
    printer.backend = section.value("backend", printer.backend);
    if (printer.backend != "simulated" && printer.backend != "escpos") {
        return std::unexpected("receipt_printer.backend must be simulated or escpos");
    }
    printer::escpos::EscPosOptions& escpos = printer.escpos;
    if (section.contains("connection")) {
        auto parsed =
            printer::escpos::parse_escpos_connection(section.at("connection").get<std::string>(), escpos);
        if (!parsed) return std::unexpected("receipt_printer.connection: " + parsed.error());
        escpos = std::move(*parsed);
    }
    escpos.profile = section.value("profile", escpos.profile);
    escpos.timeouts.status = seconds_key(section, "status_timeout_s", escpos.timeouts.status);
    escpos.timeouts.printed = seconds_key(section, "print_timeout_s", escpos.timeouts.printed);
    return {};
}

std::expected<void, std::string> parse_operations(const json& doc, KioskConfig& config) {
    if (doc.contains("state_dir")) config.state_dir = doc.at("state_dir").get<std::string>();
    if (doc.contains("control")) {
        const json& control = doc.at("control");
        if (control.contains("socket")) config.control.socket = control.at("socket").get<std::string>();
        config.control.group = control.value("group", config.control.group);
        if (control.contains("bundle_dir"))
            config.control.bundle_dir = control.at("bundle_dir").get<std::string>();
    }
    if (doc.contains("metrics"))
        config.metrics.listen = doc.at("metrics").value("listen", config.metrics.listen);
    if (!config.metrics.listen.empty() && config.metrics.listen.rfind(':') == std::string::npos) {
        return std::unexpected("metrics.listen must be HOST:PORT");
    }
    if (doc.contains("heartbeat")) {
        const json& beat = doc.at("heartbeat");
        KioskConfig::Heartbeat& h = config.heartbeat;
        h.host = beat.value("host", h.host);
        h.port = beat.value("port", h.port);
        if (beat.contains("ca_file")) h.ca_file = beat.at("ca_file").get<std::string>();
        if (beat.contains("cert_file")) h.cert_file = beat.at("cert_file").get<std::string>();
        if (beat.contains("key_file")) h.key_file = beat.at("key_file").get<std::string>();
        h.username = beat.value("username", h.username);
        h.password = beat.value("password", h.password);
        h.topic_prefix = beat.value("topic_prefix", h.topic_prefix);
        h.interval_s = beat.value("interval_s", h.interval_s);
        if (h.port < 1 || h.port > 65535) return std::unexpected("heartbeat.port must be 1 to 65535");
        if (h.interval_s < 1 || h.interval_s > 24 * 3600)
            return std::unexpected("heartbeat.interval_s out of range");
    }
    if (doc.contains("update")) {
        if (auto update = parse_update(doc.at("update"), config.update); !update) return update;
    }
    if (doc.contains("health")) {
        const json& health = doc.at("health");
        config.health.grace_s = health.value("grace_s", config.health.grace_s);
        config.health.failures_to_fault = health.value("failures_to_fault", config.health.failures_to_fault);
        if (config.health.grace_s < 0 || config.health.failures_to_fault < 1 ||
            config.health.failures_to_fault > 100) {
            return std::unexpected("health: grace_s must be >= 0 and failures_to_fault 1 to 100");
        }
    }
    config.watchdog_stall_s = doc.value("watchdog_stall_s", config.watchdog_stall_s);
    if (config.watchdog_stall_s < 10) return std::unexpected("watchdog_stall_s must be at least 10");
    if (doc.contains("technicians")) {
        for (const json& entry : doc.at("technicians")) {
            KioskConfig::Technician technician{entry.at("card").get<std::string>(),
                                               entry.at("pin_hash").get<std::string>()};
            if (technician.card.empty() || !technician.pin_hash.starts_with("pbkdf2-sha256$")) {
                return std::unexpected(
                    "technicians: each needs a card and a pin_hash from `kioskctl hash-pin`");
            }
            config.technicians.push_back(std::move(technician));
        }
    }
    return {};
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
        config.speech_available = doc.value("speech", config.speech_available);
        config.engine.done_timeout = seconds_key(doc, "done_timeout_s", config.engine.done_timeout);
        config.engine.step_timeout = seconds_key(doc, "step_timeout_s", config.engine.step_timeout);
        config.health_poll = seconds_key(doc, "health_poll_s", config.health_poll);
        if (doc.contains("screen")) {
            config.screen_width = doc.at("screen").value("width", config.screen_width);
            config.screen_height = doc.at("screen").value("height", config.screen_height);
            config.screen_dpi = doc.at("screen").value("dpi", config.screen_dpi);
            if (config.screen_width < 320 || config.screen_height < 320)
                return std::unexpected("screen too small");
            if (config.screen_dpi < 50 || config.screen_dpi > 600)
                return std::unexpected("screen.dpi must be between 50 and 600");
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
        if (doc.contains("a4_printer")) {
            if (auto parsed = parse_a4_printer(doc.at("a4_printer"), config.a4_printer); !parsed) {
                return std::unexpected(parsed.error());
            }
        }
        if (doc.contains("receipt_printer")) {
            if (auto parsed = parse_receipt_printer(doc.at("receipt_printer"), config.receipt_printer);
                !parsed) {
                return std::unexpected(parsed.error());
            }
        }
        if (doc.contains("chip_reader")) {
            if (auto parsed = parse_chip_reader(doc.at("chip_reader"), config.chip_reader); !parsed) {
                return std::unexpected(parsed.error());
            }
        }
        if (doc.contains("resident_id_reader")) {
            if (auto parsed =
                    parse_resident_id_reader(doc.at("resident_id_reader"), config.resident_id_reader);
                !parsed) {
                return std::unexpected(parsed.error());
            }
        }
        if (auto parsed = parse_backend(doc, "scanner", config.scanner.backend, {"sane:", "files:"});
            !parsed) {
            return std::unexpected(parsed.error());
        }
        if (auto parsed = parse_backend(doc, "camera", config.camera.backend, {"camera:"}); !parsed) {
            return std::unexpected(parsed.error());
        }
        if (doc.contains("camera")) {
            config.camera.for_documents =
                doc.at("camera").value("for_documents", config.camera.for_documents);
        }
        if (auto parsed = parse_operations(doc, config); !parsed) return std::unexpected(parsed.error());
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
