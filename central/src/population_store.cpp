// The population half of the Store: loading the reference data and the queries that read people and places.
#include <set>

#include "store.h"

namespace hk::central {
namespace {

constexpr std::string_view kPersonColumns =
    "id_number, name, sex, ethnicity, birth, address, household_id, relation, records, station_id, "
    "passport_number";

Person read_person(const Statement& row) {
    Person person;
    person.id_number = row.text(0);
    person.name = row.text(1);
    person.sex = row.text(2);
    person.ethnicity = row.text(3);
    person.birth = row.text(4);
    person.address = row.text(5);
    person.household = row.text(6);
    person.relation = row.text(7);
    person.paper_records = row.text(8) == "paper";
    person.station = row.text(9);
    person.passport_number = row.text(10);
    return person;
}

std::optional<Person> one_person(const Transaction& tx, std::string_view where, std::string_view value) {
    Statement query =
        tx.db().prepare("SELECT " + std::string(kPersonColumns) + " FROM people WHERE " + std::string(where));
    query.bind(1, value);
    if (!query.step()) return std::nullopt;
    return read_person(query);
}

void insert_people(const Transaction& tx, const std::vector<Person>& people) {
    std::set<std::string> households;
    for (const Person& person : people) {
        if (households.insert(person.household).second) {
            tx.db()
                .prepare("INSERT INTO households (id, address) VALUES (?, ?)")
                .bind(1, person.household)
                .bind(2, person.address)
                .run();
        }
        Statement insert = tx.db().prepare("INSERT INTO people (" + std::string(kPersonColumns) +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, person.id_number).bind(2, person.name).bind(3, person.sex).bind(4, person.ethnicity);
        insert.bind(5, person.birth)
            .bind(6, person.address)
            .bind(7, person.household)
            .bind(8, person.relation);
        insert.bind(9, std::string_view(person.paper_records ? "paper" : "electronic"))
            .bind(10, person.station);
        if (person.passport_number.empty()) {
            insert.bind_null(11);
        } else {
            insert.bind(11, person.passport_number);
        }
        insert.run();
    }
}

}  // namespace

void Store::replace_population(const Transaction& tx, const Population& population, std::uint64_t seed) {
    Database& db = tx.db();
    db.exec(
        "DELETE FROM people; DELETE FROM households; DELETE FROM stations; DELETE FROM handling_points;"
        " DELETE FROM applications WHERE origin = 'population';");
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('issuer', ?)")
        .bind(1, population.issuer)
        .run();
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('population_seed', ?)")
        .bind(1, std::to_string(seed))
        .run();
    for (const Station& station : population.stations) {
        db.prepare("INSERT INTO stations (id, name, address, hours, phone) VALUES (?, ?, ?, ?, ?)")
            .bind(1, station.id)
            .bind(2, station.name)
            .bind(3, station.address)
            .bind(4, station.hours)
            .bind(5, station.phone)
            .run();
    }
    std::int64_t position = 0;
    for (const HandlingPoint& point : population.handling_points) {
        db.prepare(
              "INSERT INTO handling_points (position, name, address, distance_km, queue_length)"
              " VALUES (?, ?, ?, ?, ?)")
            .bind(1, position++)
            .bind(2, point.name)
            .bind(3, point.address)
            .bind(4, point.distance_km)
            .bind(5, std::int64_t{point.queue_length})
            .run();
    }
    insert_people(tx, population.people);
    for (const Application& application : population.applications) {
        db.prepare(
              "INSERT INTO applications (tracking_number, id_number, service_id, state, updated_on, origin)"
              " VALUES (?, ?, ?, ?, ?, 'population')")
            .bind(1, application.tracking_number)
            .bind(2, application.id_number)
            .bind(3, application.service_id)
            .bind(4, application.state)
            .bind(5, application.updated_on)
            .run();
    }
}

std::string Store::issuer(const Transaction& tx) {
    Statement query = tx.db().prepare("SELECT value FROM meta WHERE key = 'issuer'");
    return query.step() ? query.text(0) : std::string();
}

std::optional<Person> Store::person_by_id_number(const Transaction& tx, std::string_view id_number) {
    return one_person(tx, "id_number = ?", id_number);
}

std::optional<Person> Store::person_by_passport(const Transaction& tx, std::string_view document_number) {
    return one_person(tx, "passport_number = ?", document_number);
}

std::vector<Person> Store::household(const Transaction& tx, std::string_view household_id) {
    // rowid order is insertion order: the head of household first, as the records list them.
    Statement query = tx.db().prepare("SELECT " + std::string(kPersonColumns) +
                                      " FROM people WHERE household_id = ? ORDER BY rowid");
    query.bind(1, household_id);
    std::vector<Person> members;
    while (query.step()) members.push_back(read_person(query));
    return members;
}

std::optional<Station> Store::station(const Transaction& tx, std::string_view station_id) {
    Statement query = tx.db().prepare("SELECT id, name, address, hours, phone FROM stations WHERE id = ?");
    query.bind(1, station_id);
    if (!query.step()) return std::nullopt;
    return Station{query.text(0), query.text(1), query.text(2), query.text(3), query.text(4)};
}

std::vector<HandlingPoint> Store::handling_points_least_busy_first(const Transaction& tx) {
    // Least busy first, then nearest: what a citizen choosing where to go wants on top.
    Statement query = tx.db().prepare(
        "SELECT name, address, distance_km, queue_length FROM handling_points"
        " ORDER BY queue_length, distance_km, position");
    std::vector<HandlingPoint> points;
    while (query.step()) {
        points.push_back(
            HandlingPoint{query.text(0), query.text(1), query.real(2), static_cast<int>(query.integer(3))});
    }
    return points;
}

}  // namespace hk::central
