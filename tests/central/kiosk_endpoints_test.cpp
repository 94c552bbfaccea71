// The catalogue, handling points, heartbeat and signing keys, in-process.
#include "service_fixture.h"

namespace hk::central::test {
namespace {

using nlohmann::json;

using KioskEndpoints = ServiceFixture;

TEST_F(KioskEndpoints, CatalogueIsTheKiosksBuiltInOne) {
    const Answer answer = service.catalogue();
    ASSERT_EQ(answer.status, 200);
    EXPECT_EQ(answer.body, embedded::kCatalogueJson);
    EXPECT_GE(body_of(answer)["services"].size(), 15u);
}

TEST_F(KioskEndpoints, HandlingPointsLeastBusyFirst) {
    const json points = body_of(service.handling_points())["points"];
    ASSERT_EQ(points.size(), 3u);
    EXPECT_EQ(points[0]["name"], "东华门派出所");
    EXPECT_EQ(points[0]["queue_length"], 1);
    EXPECT_EQ(points[1]["queue_length"], 6);
    EXPECT_EQ(points[2]["queue_length"], 12);
    EXPECT_DOUBLE_EQ(points[0]["distance_km"].get<double>(), 1.6);
}

TEST_F(KioskEndpoints, HeartbeatIsRecordedPerKiosk) {
    const Answer answer = service.heartbeat(
        "kiosk-a", R"({"version":"0.1.0","devices":{"a4_printer":"faulted","scanner":"ready"}})");
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(body_of(answer)["server_time"], "2026-11-22T08:00:00Z");
    Transaction tx = store.begin();
    Statement row =
        tx.db().prepare("SELECT last_seen, version, devices FROM kiosks WHERE kiosk_id = 'kiosk-a'");
    ASSERT_TRUE(row.step());
    EXPECT_EQ(row.text(0), "2026-11-22T08:00:00Z");
    EXPECT_EQ(row.text(1), "0.1.0");
    EXPECT_EQ(json::parse(row.text(2))["a4_printer"], "faulted");
}

TEST_F(KioskEndpoints, HeartbeatRefusesUnknownDeviceStates) {
    EXPECT_EQ(service.heartbeat("kiosk-a", R"({"version":"0.1.0","devices":{"scanner":"on fire"}})").status,
              422);
    EXPECT_EQ(service.heartbeat("kiosk-a", R"({"version":"0.1.0"})").status, 422);
}

TEST_F(KioskEndpoints, KeysPublishTheSigningKey) {
    const json keys = body_of(service.signing_keys())["keys"];
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(keys[0]["key_id"], "unit-1");
    EXPECT_EQ(keys[0]["alg"], "ES256");
    EXPECT_EQ(keys[0]["public_key_pem"], public_key_pem_of(key_pem));
}

}  // namespace
}  // namespace hk::central::test
