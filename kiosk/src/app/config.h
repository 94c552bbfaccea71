// The kiosk's configuration: everything has a built-in default, so the kiosk starts with no file at all.
// Keys are documented in the README ("Configuration").
#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <string>

#include "kiosk/session/engine.h"

namespace hk::kiosk {

struct KioskConfig {
    std::string kiosk_id = "kiosk-dev";
    std::optional<std::filesystem::path> catalogue_file;  // none: the built-in catalogue
    EngineConfig engine;
    int screen_width = 1080;
    int screen_height = 1920;
    std::chrono::milliseconds health_poll{1000};
    int sim_a4_sheets = 250;
    int sim_receipt_paper_mm = 30'000;
};

std::expected<KioskConfig, std::string> parse_config(std::string_view json);
std::expected<KioskConfig, std::string> load_config(const std::filesystem::path& file);

}  // namespace hk::kiosk
