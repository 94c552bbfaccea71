// Every endpoint of openapi.yaml against the real central-ref over mutual TLS.
#include <fstream>
#include <sstream>

#include "crypto_helpers.h"
#include "live_fixture.h"

namespace hk::central::test {
namespace {

using nlohmann::json;

using LiveEndpoints = LiveCentral;

json body(const httplib::Result& result) {
    return json::parse(result->body);
}

TEST_F(LiveEndpoints, LookupAndEligibility) {
    auto lookup = post("/v1/citizens/lookup", card(kWangXiaoming));
    ASSERT_TRUE(lookup) << httplib::to_string(lookup.error());
    EXPECT_EQ(lookup->status, 200);
    EXPECT_EQ(lookup->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(body(lookup)["household_size"], 4);

    auto paper =
        post("/v1/eligibility", {{"service_id", "registration_certificate"}, {"subject", card(kJinYingji)}});
    ASSERT_TRUE(paper);
    EXPECT_EQ(body(paper)["verdict"], "paper_records_only");
    EXPECT_EQ(body(paper)["station"]["address"], "吉林省延吉市建设街88号");

    auto unknown = post("/v1/eligibility", {{"service_id", "nope"}, {"subject", card(kWangXiaoming)}});
    ASSERT_TRUE(unknown);
    EXPECT_EQ(body(unknown), (json{{"verdict", "not_eligible"}, {"reason", "unknown_service"}}));
}

TEST_F(LiveEndpoints, IssuedProofVerifiesWithThePublishedKeyAndFailsWhenTampered) {
    auto issued =
        post("/v1/certificates",
             {{"service_id", "registration_certificate"}, {"subject", card(kWangXiaoming)}}, "cert-1");
    ASSERT_TRUE(issued);
    ASSERT_EQ(issued->status, 201) << issued->body;
    const json certificate = body(issued);
    EXPECT_EQ(certificate["serial"], "HK2026000001");
    EXPECT_EQ(certificate["proof"]["key_id"], pki.signing_kid());

    const auto parts = split_proof(certificate["proof"]["payload"].get<std::string>());
    ASSERT_TRUE(parts);
    const std::string public_key = pki.signing_public_key();
    EXPECT_TRUE(es256_verify(public_key, parts->claims_text, parts->signature));
    std::string tampered = parts->signature;
    tampered[tampered.size() / 2] = static_cast<char>(tampered[tampered.size() / 2] ^ 0x40);
    EXPECT_FALSE(es256_verify(public_key, parts->claims_text, tampered));
    std::string forged = parts->claims_text;
    forged[forged.size() / 2] = forged[forged.size() / 2] == 'x' ? 'y' : 'x';
    EXPECT_FALSE(es256_verify(public_key, forged, parts->signature));
}

TEST_F(LiveEndpoints, KeysPublishTheSigningKeyOfThePki) {
    auto keys = client->Get("/v1/keys");
    ASSERT_TRUE(keys);
    ASSERT_EQ(keys->status, 200);
    const json key = body(keys)["keys"][0];
    EXPECT_EQ(key["key_id"], pki.signing_kid());
    EXPECT_EQ(key["alg"], "ES256");
    EXPECT_EQ(key["public_key_pem"], pki.signing_public_key());
}

TEST_F(LiveEndpoints, FilesAnApplicationAndReportsItsState) {
    const json page = {{"mime", "image/png"},
                       {"data_base64", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ"}};
    auto filed = post("/v1/applications",
                      {{"service_id", "household_book"}, {"subject", card(kLiJing)}, {"attachments", {page}}},
                      "file-1");
    ASSERT_TRUE(filed);
    ASSERT_EQ(filed->status, 201) << filed->body;
    const std::string number = body(filed)["tracking_number"];
    EXPECT_EQ(body(filed)["expected_working_days"], 5);

    auto status = client->Get(("/v1/applications/" + number).c_str());
    ASSERT_TRUE(status);
    EXPECT_EQ(status->status, 200);
    EXPECT_EQ(body(status)["state"], "received");
    EXPECT_EQ(query_count("SELECT COUNT(*) FROM attachments WHERE tracking_number = '" + number + "'"), 1);

    auto unknown = client->Get("/v1/applications/000000000000");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
    EXPECT_EQ(body(unknown)["code"], "not_found");
}

TEST_F(LiveEndpoints, CatalogueHandlingPointsAndHeartbeat) {
    auto catalogue = client->Get("/v1/catalogue");
    ASSERT_TRUE(catalogue);
    std::ifstream file(HUKIOSK_SOURCE_DIR "/kiosk/src/catalogue_default.json");
    std::stringstream built_in;
    built_in << file.rdbuf();
    EXPECT_EQ(body(catalogue), json::parse(built_in.str()));

    auto points = client->Get("/v1/handling-points");
    ASSERT_TRUE(points);
    const json list = body(points)["points"];
    ASSERT_EQ(list.size(), 3u);
    EXPECT_LE(list[0]["queue_length"], list[1]["queue_length"]);
    EXPECT_LE(list[1]["queue_length"], list[2]["queue_length"]);

    auto beat = post("/v1/heartbeat", {{"version", "0.1.0"}, {"devices", {{"a4_printer", "ready"}}}});
    ASSERT_TRUE(beat);
    EXPECT_EQ(beat->status, 200);
    EXPECT_EQ(body(beat)["server_time"].get<std::string>().size(), 20u);
    EXPECT_EQ(query_count("SELECT COUNT(*) FROM kiosks WHERE kiosk_id = 'kiosk-a' AND version = '0.1.0'"), 1)
        << "the kiosk id comes from the client certificate";
}

}  // namespace
}  // namespace hk::central::test
