// Exactly-once issuing over the wire, including across a server restart on the same database.
#include "live_fixture.h"

namespace hk::central::test {
namespace {

using nlohmann::json;

using LiveIdempotency = LiveCentral;

const json kRequest = {
    {"service_id", "proof_of_family_relationship"},
    {"subject", {{"source", "resident_id_card"}, {"name", "王小明"}, {"id_number", kWangXiaoming}}}};

TEST_F(LiveIdempotency, ARetryGetsByteIdenticalAnswerAndNoSecondCertificate) {
    auto first = post("/v1/certificates", kRequest, "kiosk-a/tx-17/issue");
    auto retry = post("/v1/certificates", kRequest, "kiosk-a/tx-17/issue");
    ASSERT_TRUE(first && retry);
    EXPECT_EQ(first->status, 201);
    EXPECT_EQ(retry->status, 201);
    EXPECT_EQ(retry->body, first->body);
    EXPECT_EQ(query_count("SELECT COUNT(*) FROM certificates"), 1);
}

TEST_F(LiveIdempotency, TheSameKeyWithAnotherBodyIs409) {
    ASSERT_EQ(post("/v1/certificates", kRequest, "k")->status, 201);
    json other = kRequest;
    other["service_id"] = "registration_certificate";
    auto conflict = post("/v1/certificates", other, "k");
    ASSERT_TRUE(conflict);
    EXPECT_EQ(conflict->status, 409);
    EXPECT_EQ(json::parse(conflict->body)["code"], "conflict");
    EXPECT_EQ(query_count("SELECT COUNT(*) FROM certificates"), 1);
}

TEST_F(LiveIdempotency, AMissingKeyIsABadRequest) {
    auto answer = post("/v1/certificates", kRequest);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 400);
    EXPECT_EQ(query_count("SELECT COUNT(*) FROM certificates"), 0);
}

TEST_F(LiveIdempotency, ARestartedServerStillAnswersARetriedKeyWithTheOriginal) {
    auto first = post("/v1/certificates", kRequest, "before-restart");
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 201);
    EXPECT_EQ(server->terminate(), 0) << "SIGTERM stops it cleanly";

    server = std::make_unique<CentralProcess>(pki, db_path);
    client = kiosk_client(pki, server->port());
    auto retry = post("/v1/certificates", kRequest, "before-restart");
    ASSERT_TRUE(retry);
    EXPECT_EQ(retry->status, 201);
    EXPECT_EQ(retry->body, first->body);
    EXPECT_EQ(query_count("SELECT COUNT(*) FROM certificates"), 1);

    auto next = post("/v1/certificates", kRequest, "after-restart");
    ASSERT_TRUE(next);
    EXPECT_EQ(json::parse(next->body)["serial"], "HK2026000002") << "the counter survived the restart";
}

}  // namespace
}  // namespace hk::central::test
