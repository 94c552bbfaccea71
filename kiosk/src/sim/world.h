// The simulated world behind `--simulate`: households and people, which documents they carry, the stations
// that hold paper records, and applications in progress. The simulated central service answers from it, and
// the simulated card readers and scanner produce its people's documents, so both sides of a session agree.
#pragma once

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/central_service.h"

namespace hk::kiosk::sim {

struct WorldPassport {
    std::string document_number;
    std::string surname;
    std::string given_names;
    std::string expiry;  // YYYYMMDD
};

struct WorldPerson {
    std::string id_number;
    std::string name;
    std::string sex;  // "男" / "女"
    std::string ethnicity;
    std::string birth;  // YYYYMMDD
    std::string address;
    std::string household;
    std::string relation;  // to the head of household: 户主, 配偶, 子, 女, 父, 母
    bool paper_records = false;
    std::string station;
    bool has_card = true;
    std::optional<WorldPassport> passport;
};

struct WorldApplication {
    std::string tracking_number;
    std::string id_number;
    std::string service_id;
    std::string state;
    std::string updated_on;
};

struct World {
    std::string issuer;
    std::map<std::string, Station> stations;
    std::vector<HandlingPoint> handling_points;
    std::vector<WorldPerson> people;
    std::vector<WorldApplication> applications;

    [[nodiscard]] const WorldPerson* find_by_id_number(std::string_view id_number) const;
    [[nodiscard]] const WorldPerson* find_by_passport(std::string_view document_number) const;
    [[nodiscard]] std::vector<const WorldPerson*> household_of(const WorldPerson& person) const;
};

std::expected<World, std::string> parse_world(std::string_view json);
// The world built into the kiosk (central/data/demo_world.json, shared with the reference central service).
const World& demo_world();

}  // namespace hk::kiosk::sim
