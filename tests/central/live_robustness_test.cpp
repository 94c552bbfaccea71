// Hostile traffic over the wire: malformed and oversized bodies get 4xx Errors; garbage never takes it down.
#include <random>

#include "live_fixture.h"

namespace hk::central::test {
namespace {

using nlohmann::json;

using LiveRobustness = LiveCentral;

bool is_error_body(const std::string& body) {
    const json error = json::parse(body, nullptr, false);
    return !error.is_discarded() && error.contains("code") && error.contains("message");
}

TEST_F(LiveRobustness, MalformedBodiesAre400AndWrongShapesAre422) {
    const std::vector<std::pair<std::string, int>> cases = {
        {"", 400},
        {"{", 400},
        {"nul", 400},
        {std::string(5000, '['), 400},
        {"[]", 422},
        {"{}", 422},
        {R"({"service_id":1,"subject":{}})", 422},
        {R"({"service_id":"registration_certificate","subject":[]})", 422},
    };
    int case_number = 0;
    for (const auto& [body, status] : cases) {
        const std::string key = "malformed-" + std::to_string(++case_number);
        for (const char* path : {"/v1/eligibility", "/v1/certificates", "/v1/citizens/lookup"}) {
            auto answer = client->Post(path, {{"Idempotency-Key", key}}, body, "application/json");
            ASSERT_TRUE(answer) << path;
            EXPECT_EQ(answer->status, status) << path << " " << body.substr(0, 40);
            EXPECT_TRUE(is_error_body(answer->body)) << answer->body;
        }
    }
}

TEST_F(LiveRobustness, UnknownPathsAnswerWithAnErrorBody) {
    auto answer = client->Get("/v2/everything");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 404);
    EXPECT_TRUE(is_error_body(answer->body));
}

TEST_F(LiveRobustness, BodiesOverTheLimitAreRefused) {
    const std::string big = "{\"pad\":\"" + std::string(std::size_t{1} << 20, 'x') + "\"}";
    auto answer = client->Post("/v1/eligibility", big, "application/json");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 413);
    EXPECT_TRUE(is_error_body(answer->body));
}

TEST_F(LiveRobustness, ApplicationsMayCarryMoreThanOneMebibyteOfAttachments) {
    const std::string data(std::size_t{2} << 20, 'A');  // 1.5 MiB of zero bytes, base64
    const json request = {{"service_id", "household_book"},
                          {"subject", card(kWangXiaoming)},
                          {"attachments", {{{"mime", "image/jpeg"}, {"data_base64", data}}}}};
    auto answer = post("/v1/applications", request, "big-1");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 201) << answer->body.substr(0, 200);
}

TEST_F(LiveRobustness, SurvivesTwoHundredGarbageRequests) {
    std::mt19937_64 random(7);
    const std::vector<std::string> paths = {"/v1/citizens/lookup", "/v1/eligibility",
                                            "/v1/certificates",    "/v1/applications",
                                            "/v1/heartbeat",       "/v1/applications/1",
                                            "/v1/catalogue",       "/v1/keys",
                                            "/v1/%00%ff",          "/v1/applications/202611000017/../../x"};
    for (int i = 0; i < 200; ++i) {
        std::string garbage(random() % 2000, '\0');
        for (char& c : garbage) c = static_cast<char>(random() % 256);
        const std::string& path = paths[random() % paths.size()];
        std::string key(1 + random() % 250, 'k');
        key[0] = static_cast<char>(0x20 + random() % 95);
        httplib::Headers headers = {{"Idempotency-Key", key}};
        auto answer = random() % 3 == 0
                          ? client->Get(path.c_str(), headers)
                          : client->Post(path.c_str(), headers, garbage, "application/octet-stream");
        ASSERT_TRUE(answer) << "request " << i << " to " << path << ": "
                            << httplib::to_string(answer.error());
        EXPECT_LT(answer->status, 500) << path;
        if (answer->status >= 400) {
            EXPECT_TRUE(is_error_body(answer->body)) << path << ": " << answer->body;
        }
    }
    EXPECT_TRUE(server->alive());
    auto still = client->Get("/v1/keys");
    ASSERT_TRUE(still);
    EXPECT_EQ(still->status, 200);
    EXPECT_EQ(query_count("SELECT COUNT(*) FROM certificates"), 0);
}

}  // namespace
}  // namespace hk::central::test
