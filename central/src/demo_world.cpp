#include <nlohmann/json.hpp>

#include "embedded_data.h"
#include "population.h"

namespace hk::central {
namespace {

using nlohmann::json;

Person parse_person(const json& node) {
    Person person;
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
    if (const auto passport = node.find("passport"); passport != node.end()) {
        person.passport_number = passport->at("document_number").get<std::string>();
    }
    return person;
}

}  // namespace

std::expected<Population, std::string> parse_demo_world(std::string_view json_text) {
    const json doc = json::parse(json_text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return std::unexpected("demo world is not a JSON object");
    try {
        Population population;
        population.issuer = doc.value("issuer", "");
        for (const auto& [id, node] : doc.at("stations").items()) {
            population.stations.push_back(Station{id, node.at("name").get<std::string>(),
                                                  node.value("address", ""), node.value("hours", ""),
                                                  node.value("phone", "")});
        }
        for (const json& node : doc.at("handling_points")) {
            population.handling_points.push_back(
                HandlingPoint{node.at("name").get<std::string>(), node.value("address", ""),
                              node.value("distance_km", 0.0), node.value("queue", 0)});
        }
        for (const json& node : doc.at("people")) population.people.push_back(parse_person(node));
        for (const json& node : doc.value("applications", json::array())) {
            population.applications.push_back(
                Application{node.at("tracking_number").get<std::string>(), node.value("id_number", ""),
                            node.value("service_id", ""), node.at("state").get<std::string>(),
                            node.value("updated_on", "")});
        }
        return population;
    } catch (const json::exception& e) {
        return std::unexpected(std::string("demo world: ") + e.what());
    }
}

Population build_population(std::uint64_t seed) {
    // The embedded world is checked by the tests; a parse failure here is a build defect, not an input error.
    Population population = parse_demo_world(embedded::kDemoWorldJson).value();
    add_synthetic_population(population, seed);
    return population;
}

}  // namespace hk::central
