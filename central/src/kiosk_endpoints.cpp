// The endpoints about the service and the kiosk rather than a citizen: catalogue, handling points, heartbeat
// and the public signing keys.
#include "central_service.h"

namespace hk::central {

Answer CentralService::catalogue() {
    return Answer{200, catalogue_.text()};
}

Answer CentralService::handling_points() {
    Transaction tx = store_.begin();
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (const HandlingPoint& point : store_.handling_points_least_busy_first(tx)) {
        nlohmann::ordered_json json;
        json["name"] = point.name;
        json["address"] = point.address;
        json["distance_km"] = point.distance_km;
        json["queue_length"] = point.queue_length;
        points.push_back(std::move(json));
    }
    nlohmann::ordered_json json;
    json["points"] = std::move(points);
    return json_answer(200, json);
}

Answer CentralService::heartbeat(std::string_view kiosk_id, std::string_view body) {
    const auto parsed = parse_json_object(body);
    if (!parsed) return error_answer(parsed.error());
    const auto beat = decode_heartbeat(*parsed);
    if (!beat) return error_answer(beat.error());
    const std::string now = clock_.now_utc();
    Transaction tx = store_.begin();
    store_.record_heartbeat(tx, kiosk_id, now, beat->version, encode_json(nlohmann::json(beat->devices)));
    tx.commit();
    nlohmann::ordered_json json;
    json["server_time"] = now;
    return json_answer(200, json);
}

Answer CentralService::signing_keys() {
    nlohmann::ordered_json key;
    key["key_id"] = signer_.key_id();
    key["alg"] = signer_.algorithm();
    key["public_key_pem"] = signer_.public_key_pem();
    nlohmann::ordered_json json;
    json["keys"] = nlohmann::ordered_json::array({key});
    return json_answer(200, json);
}

}  // namespace hk::central
