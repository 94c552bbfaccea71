// Hostile bodies straight into every endpoint: random bytes, and valid requests with members replaced by
// random JSON. The service must answer each with a 4xx Error (or a success, when the mutation happens to be
// valid) and never throw, crash or issue a 5xx. Runs under ASan/UBSan in the asan preset.
#include <random>

#include "service_fixture.h"

namespace hk::central::test {
namespace {

using nlohmann::json;

class HostileInput : public ServiceFixture {
  protected:
    std::mt19937_64 random{20261122};

    std::size_t below(std::size_t n) { return static_cast<std::size_t>(random() % n); }

    std::string random_bytes(std::size_t max_length) {
        std::string bytes(below(max_length + 1), '\0');
        for (char& c : bytes) c = static_cast<char>(below(256));
        return bytes;
    }

    json random_value(int depth = 0) {
        switch (below(depth > 3 ? 6 : 8)) {
            case 0:
                return nullptr;
            case 1:
                return below(2) == 1;
            case 2:
                return static_cast<std::int64_t>(random());
            case 3:
                return -1.5e300;
            case 4:
                return std::string(below(300), 'x');
            case 5:
                return "110101198503071235";
            case 6: {
                json array = json::array();
                for (std::size_t i = below(4); i > 0; --i) array.push_back(random_value(depth + 1));
                return array;
            }
            default: {
                json object = json::object();
                for (std::size_t i = below(4); i > 0; --i)
                    object["k" + std::to_string(i)] = random_value(depth + 1);
                return object;
            }
        }
    }

    // Replaces or removes one member somewhere in `document`.
    void mutate(json& document) {
        json* node = &document;
        while (node->is_object() && !node->empty() && below(3) != 0) {
            auto it = node->begin();
            std::advance(it, static_cast<std::ptrdiff_t>(below(node->size())));
            if (!it->is_object() && !it->is_array()) break;
            node = &*it;
            if (node->is_array() && !node->empty()) node = &(*node)[below(node->size())];
        }
        if (!node->is_object() || node->empty()) {
            *node = random_value();
            return;
        }
        auto it = node->begin();
        std::advance(it, static_cast<std::ptrdiff_t>(below(node->size())));
        if (below(4) == 0) {
            node->erase(it);
        } else {
            *it = random_value();
        }
    }

    void expect_refused_or_served(const Answer& answer, const std::string& what) {
        EXPECT_LT(answer.status, 500) << what << ": " << answer.body;
        const json body = json::parse(answer.body, nullptr, false);
        ASSERT_FALSE(body.is_discarded()) << what << ": answer is not JSON";
        if (answer.status >= 400) {
            EXPECT_TRUE(body.contains("code") && body.contains("message")) << what << ": " << answer.body;
        }
    }

    void send_everywhere(const std::string& body, int round) {
        const std::string key = "hostile-" + std::to_string(round);
        expect_refused_or_served(service.lookup_citizen(body), "lookup");
        expect_refused_or_served(service.check_eligibility(body), "eligibility");
        expect_refused_or_served(service.issue_certificate("kiosk-z", key, body), "certificates");
        expect_refused_or_served(service.file_application("kiosk-z", key, body), "applications");
        expect_refused_or_served(service.heartbeat("kiosk-z", body), "heartbeat");
    }
};

TEST_F(HostileInput, RandomBytesAreRefused) {
    for (int round = 0; round < 300; ++round) send_everywhere(random_bytes(600), round);
    EXPECT_EQ(certificates(), 0);
}

TEST_F(HostileInput, MutatedRequestsNeverFailTheServer) {
    const json identity = card(kWangXiaoming, "王小明");
    const std::vector<json> valid = {
        identity,
        {{"service_id", "registration_certificate"}, {"subject", identity}, {"agent", card(kLiJing)}},
        {{"service_id", "household_book"},
         {"subject", identity},
         {"attachments", json::array({{{"mime", "image/png"}, {"data_base64", "iVBORw0KGgo="}}})}},
        {{"version", "0.1.0"}, {"devices", {{"scanner", "ready"}}}},
    };
    for (int round = 0; round < 600; ++round) {
        json body = valid[below(valid.size())];
        for (std::size_t n = below(3) + 1; n > 0; --n) mutate(body);
        send_everywhere(body.dump(), 1000 + round);
    }
}

TEST_F(HostileInput, TruncatedRequestsAreBadRequests) {
    const std::string body =
        json{{"service_id", "registration_certificate"}, {"subject", card(kWangXiaoming)}}.dump();
    for (std::size_t length = 0; length < body.size(); ++length) {
        EXPECT_EQ(
            service.issue_certificate("kiosk-z", "cut-" + std::to_string(length), body.substr(0, length))
                .status,
            400)
            << body.substr(0, length);
    }
}

TEST_F(HostileInput, TrackingNumbersFromTheUrlAreChecked) {
    for (const char* number :
         {"", "../../etc/passwd", "%00", "1'; DROP TABLE applications; --", "０１２３４５６７８９０１"}) {
        expect_refused_or_served(service.application_status(number), number);
    }
    EXPECT_EQ(service.application_status("202611000017").status, 200) << "the table is still there";
}

}  // namespace
}  // namespace hk::central::test
