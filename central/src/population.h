// The people the reference service knows: the fixed demo world (central/data/demo_world.json, shared with the
// kiosk's simulation) plus a synthetic population drawn from a seed, so tests and demos meet realistic
// volumes (hundreds of households, paper-only records, applications in progress) that are the same on every
// run.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hk::central {

// A registration police station: where paper records are kept and where the kiosk sends people it cannot
// serve.
struct Station {
    std::string id;
    std::string name;
    std::string address;
    std::string hours;
    std::string phone;
};

struct HandlingPoint {
    std::string name;
    std::string address;
    double distance_km = 0;
    int queue_length = 0;
};

struct Person {
    std::string id_number;
    std::string name;
    std::string sex;  // 男 / 女
    std::string ethnicity;
    std::string birth;  // YYYYMMDD
    std::string address;
    std::string household;
    std::string relation;  // to the head of household: 户主, 配偶, 子, 女, 父, 母
    bool paper_records = false;
    std::string station;          // Station::id of the registration station
    std::string passport_number;  // empty when the person holds no passport
};

struct Application {
    std::string tracking_number;  // 12 digits
    std::string id_number;
    std::string service_id;
    std::string state;  // received, under_review, approved, rejected, ready_for_collection
    std::string updated_on;
};

struct Population {
    std::string issuer;
    std::vector<Station> stations;
    std::vector<HandlingPoint> handling_points;
    std::vector<Person> people;
    std::vector<Application> applications;
};

std::expected<Population, std::string> parse_demo_world(std::string_view json_text);

// Appends `households` synthetic households drawn from `seed`; the same seed always gives the same people.
// Stations the synthetic people need are appended too. ID and passport numbers never collide with those
// already present.
void add_synthetic_population(Population& population, std::uint64_t seed, int households = 300);

// The demo world compiled into the binary plus the synthetic population for `seed`.
Population build_population(std::uint64_t seed);

}  // namespace hk::central
