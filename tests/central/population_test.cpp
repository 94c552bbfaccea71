#include "population.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "embedded_data.h"
#include "id_numbers.h"

namespace hk::central {
namespace {

bool same_people(const Population& a, const Population& b) {
    if (a.people.size() != b.people.size()) return false;
    for (std::size_t i = 0; i < a.people.size(); ++i) {
        const Person& x = a.people[i];
        const Person& y = b.people[i];
        if (x.id_number != y.id_number || x.name != y.name || x.relation != y.relation ||
            x.birth != y.birth || x.paper_records != y.paper_records ||
            x.passport_number != y.passport_number || x.address != y.address) {
            return false;
        }
    }
    return true;
}

std::vector<const Person*> synthetic(const Population& population) {
    std::vector<const Person*> people;
    for (const Person& person : population.people) {
        if (person.household.starts_with("S")) people.push_back(&person);
    }
    return people;
}

TEST(Population, TheEmbeddedDemoWorldParses) {
    const auto world = parse_demo_world(embedded::kDemoWorldJson);
    ASSERT_TRUE(world) << world.error();
    EXPECT_EQ(world->people.size(), 6u);
    EXPECT_EQ(world->issuer, "北京市公安局");
    EXPECT_EQ(world->handling_points.size(), 3u);
}

TEST(Population, SameSeedGivesTheSamePeople) {
    EXPECT_TRUE(same_people(build_population(1), build_population(1)));
    EXPECT_TRUE(same_people(build_population(987654321), build_population(987654321)));
}

TEST(Population, DifferentSeedsGiveDifferentPeople) {
    EXPECT_FALSE(same_people(build_population(1), build_population(2)));
}

TEST(Population, KeepsTheDemoPeopleFirstAndUnchanged) {
    const Population population = build_population(5);
    ASSERT_GE(population.people.size(), 6u);
    EXPECT_EQ(population.people[0].id_number, "110101198503071235");
    EXPECT_EQ(population.people[0].name, "王小明");
    EXPECT_TRUE(population.people[4].paper_records) << "金英姬's records are on paper";
}

TEST(Population, EveryIdNumberIsValidUniqueAndMatchesBirthAndSex) {
    for (const std::uint64_t seed : {1ull, 2ull, 42ull}) {
        const Population population = build_population(seed);
        std::set<std::string> seen;
        for (const Person& person : population.people) {
            EXPECT_TRUE(is_valid_id_number(person.id_number)) << person.id_number;
            EXPECT_TRUE(seen.insert(person.id_number).second) << "duplicate " << person.id_number;
            EXPECT_EQ(person.id_number.substr(6, 8), person.birth) << person.id_number;
            const bool odd = (person.id_number[16] - '0') % 2 == 1;
            EXPECT_EQ(odd, person.sex == "男") << person.id_number;
        }
    }
}

TEST(Population, HouseholdsHaveOneHeadAndOneToSixMembers) {
    const Population population = build_population(1);
    std::map<std::string, std::vector<const Person*>> households;
    for (const Person* person : synthetic(population)) households[person->household].push_back(person);
    EXPECT_EQ(households.size(), 300u);
    const std::set<std::string> relations = {"户主", "配偶", "子", "女", "父", "母"};
    for (const auto& [id, members] : households) {
        EXPECT_GE(members.size(), 1u);
        EXPECT_LE(members.size(), 6u);
        int heads = 0;
        for (const Person* member : members) {
            heads += member->relation == "户主";
            EXPECT_TRUE(relations.contains(member->relation)) << member->relation;
            EXPECT_EQ(member->address, members.front()->address) << "one household, one address";
            if (member->relation == "子" || member->relation == "女") {
                EXPECT_GT(member->birth, members.front()->birth) << "children are younger than the head";
            }
        }
        EXPECT_EQ(heads, 1) << id;
    }
}

TEST(Population, AboutOneHouseholdInTwentyHasPaperRecordsAndAStation) {
    const Population population = build_population(1);
    std::set<std::string> stations;
    for (const Station& station : population.stations) stations.insert(station.id);
    std::set<std::string> households;
    std::set<std::string> paper_households;
    for (const Person* person : synthetic(population)) {
        households.insert(person->household);
        if (person->paper_records) paper_households.insert(person->household);
        EXPECT_TRUE(stations.contains(person->station)) << person->station;
    }
    const double share =
        static_cast<double>(paper_households.size()) / static_cast<double>(households.size());
    EXPECT_GT(share, 0.02);
    EXPECT_LT(share, 0.10);
}

TEST(Population, SomeApplicationsAreInProgressWithUniqueTrackingNumbers) {
    const Population population = build_population(1);
    EXPECT_GT(population.applications.size(), 10u);
    std::set<std::string> numbers;
    for (const Application& application : population.applications) {
        EXPECT_EQ(application.tracking_number.size(), 12u);
        EXPECT_TRUE(numbers.insert(application.tracking_number).second);
        EXPECT_LT(std::stoll(application.tracking_number.substr(6)), 500000)
            << "kiosk filings count from 500001";
    }
}

TEST(Population, PassportNumbersAreUnique) {
    const Population population = build_population(3);
    std::set<std::string> passports;
    int holders = 0;
    for (const Person& person : population.people) {
        if (person.passport_number.empty()) continue;
        ++holders;
        EXPECT_TRUE(passports.insert(person.passport_number).second);
    }
    EXPECT_GT(holders, 10);
}

}  // namespace
}  // namespace hk::central
