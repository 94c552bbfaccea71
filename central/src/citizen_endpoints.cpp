// POST /v1/citizens/lookup and POST /v1/eligibility: who the person is in the records, and what the kiosk may
// do for them.
#include "central_service.h"

namespace hk::central {
namespace {

nlohmann::ordered_json station_json(const Station& station) {
    nlohmann::ordered_json json;
    json["name"] = station.name;
    json["address"] = station.address;
    if (!station.hours.empty()) json["hours"] = station.hours;
    if (!station.phone.empty()) json["phone"] = station.phone;
    return json;
}

Answer verdict(std::string_view name, const std::optional<Station>& station, std::string_view reason = {}) {
    nlohmann::ordered_json json;
    json["verdict"] = name;
    if (station) json["station"] = station_json(*station);
    if (!reason.empty()) json["reason"] = reason;
    return json_answer(200, json);
}

// A foreign passport holder has no household registration anywhere: a police station cannot help them either.
bool foreign_national(const Identity& identity) {
    return identity.source == IdentitySource::PassportChip && !identity.nationality.empty() &&
           identity.nationality != "CHN";
}

}  // namespace

Answer CentralService::lookup_citizen(std::string_view body) {
    const auto parsed = parse_json_object(body);
    if (!parsed) return error_answer(parsed.error());
    const auto identity = decode_identity_request(*parsed);
    if (!identity) return error_answer(identity.error());

    Transaction tx = store_.begin();
    const std::optional<Person> person = find_person(tx, *identity);
    if (!person) return error_answer(not_found("no registration record for this identity"));
    nlohmann::ordered_json json;
    json["id_number"] = person->id_number;
    json["name"] = person->name;
    json["records"] = person->paper_records ? "paper" : "electronic";
    json["household_size"] = store_.household(tx, person->household).size();
    json["applications_in_progress"] = store_.applications_in_progress(tx, person->id_number);
    return json_answer(200, json);
}

Answer CentralService::check_eligibility(std::string_view body) {
    const auto parsed = parse_json_object(body);
    if (!parsed) return error_answer(parsed.error());
    const auto request = decode_eligibility_request(*parsed);
    if (!request) return error_answer(request.error());

    const CatalogueService* service = catalogue_.find(request->service_id);
    if (service == nullptr) return verdict("not_eligible", std::nullopt, "unknown_service");
    // Inquiries need no records: anyone may ask about an application or the queues.
    if (service->kind == ServiceKind::StatusInquiry || service->kind == ServiceKind::HandlingPoints) {
        return verdict("eligible", std::nullopt);
    }
    Transaction tx = store_.begin();
    const std::optional<Person> person = find_person(tx, request->subject);
    if (!service->available_here) {
        return verdict("not_eligible", referral_station(tx, person), "not_available_here");
    }
    if (!person) {
        if (foreign_national(request->subject)) return verdict("no_record", std::nullopt);
        return verdict("no_record", referral_station(tx, std::nullopt));
    }
    if (person->paper_records) return verdict("paper_records_only", referral_station(tx, person));
    return verdict("eligible", std::nullopt);
}

}  // namespace hk::central
