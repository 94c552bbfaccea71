#include "world.h"

#include <nlohmann/json.hpp>

#include "embedded_world.h"

namespace hk::kiosk::sim {
namespace {

using nlohmann::json;

WorldPerson parse_person(const json& node) {
    WorldPerson person;
    person.id_number = node.at("id_number").get<std::string>();
    person.name = node.at("name").get<std::string>();
    person.sex = node.value("sex", "");
    person.ethnicity = node.value("ethnicity", "");
    person.birth = node.at("birth").get<std::string>();
    person.address = node.value("address", "");
    person.household = node.value("household", "");
    person.relation = node.value("relation", "");
    person.paper_records = node.value("records", "electronic") == "paper";
    person.station = node.value("station", "");
    person.has_card = node.value("card", true);
    if (node.contains("passport")) {
        const json& p = node.at("passport");
        person.passport =
            WorldPassport{p.at("document_number").get<std::string>(), p.at("surname").get<std::string>(),
                          p.at("given_names").get<std::string>(), p.at("expiry").get<std::string>()};
    }
    return person;
}

}  // namespace

const WorldPerson* World::find_by_id_number(std::string_view id_number) const {
    for (const WorldPerson& person : people) {
        if (!id_number.empty() && person.id_number == id_number) return &person;
    }
    return nullptr;
}

const WorldPerson* World::find_by_passport(std::string_view document_number) const {
    for (const WorldPerson& person : people) {
        if (person.passport && !document_number.empty() &&
            person.passport->document_number == document_number) {
            return &person;
        }
    }
    return nullptr;
}

std::vector<const WorldPerson*> World::household_of(const WorldPerson& person) const {
    std::vector<const WorldPerson*> members;
    for (const WorldPerson& other : people) {
        if (!person.household.empty() && other.household == person.household) members.push_back(&other);
    }
    return members;
}

std::expected<World, std::string> parse_world(std::string_view text) {
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return std::unexpected("world is not a JSON object");
    try {
        World world;
        world.issuer = doc.value("issuer", "");
        for (const auto& [id, node] : doc.at("stations").items()) {
            world.stations[id] = Station{node.at("name").get<std::string>(), node.value("address", ""),
                                         node.value("hours", ""), node.value("phone", "")};
        }
        for (const json& node : doc.at("handling_points")) {
            world.handling_points.push_back(
                HandlingPoint{node.at("name").get<std::string>(), node.value("address", ""),
                              node.value("distance_km", 0.0), node.value("queue", 0)});
        }
        for (const json& node : doc.at("people")) world.people.push_back(parse_person(node));
        for (const json& node : doc.value("applications", json::array())) {
            world.applications.push_back(
                WorldApplication{node.at("tracking_number").get<std::string>(), node.value("id_number", ""),
                                 node.value("service_id", ""), node.at("state").get<std::string>(),
                                 node.value("updated_on", "")});
        }
        return world;
    } catch (const json::exception& e) {
        return std::unexpected(std::string("world: ") + e.what());
    }
}

const World& demo_world() {
    static const World world = parse_world(embedded::kDemoWorldJson).value();
    return world;
}

}  // namespace hk::kiosk::sim
