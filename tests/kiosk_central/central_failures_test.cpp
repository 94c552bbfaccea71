// How the client behaves when the central service misbehaves: down, slow, failing, throttling, refusing, or
// answering nonsense. The server is real TLS in this process (hostile_server.h); nothing sleeps for real.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <string>

#include "central/https_central_service.h"
#include "hostile_server.h"
#include "sample_answers.h"
#include "test_client.h"
#include "test_pki.h"

namespace hk::kiosk::central::test {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::size_t kMiB = 1U << 20;

CertificateRequest certificate_request() {
    CertificateRequest request;
    request.service_id = "registration_certificate";
    request.subject = sample_card_holder();
    request.idempotency_key = "txn-42-issue";
    return request;
}

class CentralFailures : public ::testing::Test {
  protected:
    CentralFailures() : server({test_pki().server_cert, test_pki().server_key, test_pki().ca}) {}

    std::unique_ptr<HttpsCentralService> start(
        const std::function<void(CentralClientOptions&)>& adjust = {}) {
        server.start();
        CentralClientOptions options = probe.options(server.base_url());
        if (adjust) adjust(options);
        return std::make_unique<HttpsCentralService>(std::move(options));
    }

    HostileServer server;
    ClientProbe probe;
};

TEST(CentralUnreachable, ServerDownIsUnreachableAfterTheBoundedAttempts) {
    ClientProbe probe;
    HttpsCentralService client(probe.options("https://127.0.0.1:" + std::to_string(unused_port())));

    auto points = client.handling_points();

    ASSERT_FALSE(points);
    EXPECT_EQ(points.error().kind, CentralErrorKind::Unreachable);
    EXPECT_THAT(points.error().detail, HasSubstr("no connection"));
    EXPECT_EQ(probe.attempts().size(), 3U);
    EXPECT_EQ(probe.sleeps().size(), 2U);  // backoff between attempts, none after the last
}

TEST_F(CentralFailures, SlowServerBeyondTheAttemptTimeoutIsTimeout) {
    // The second attempt needs a new connection. cpp-httplib's SSLServer cannot resume TLS sessions when it
    // verifies client certificates (no session id context): this also checks the client does not try to.
    server.get("/v1/handling-points", [&](const httplib::Request&, httplib::Response& response, int) {
        server.hold(milliseconds(5000));
        response.set_content(kPointsAnswer, "application/json");
    });
    auto client = start([](CentralClientOptions& options) {
        options.attempt_timeout = milliseconds(300);
        options.max_attempts = 2;
    });

    auto points = client->handling_points();

    ASSERT_FALSE(points);
    EXPECT_EQ(points.error().kind, CentralErrorKind::Timeout) << points.error().detail;
    ASSERT_EQ(probe.attempts().size(), 2U);
    for (const AttemptSeen& attempt : probe.attempts()) EXPECT_EQ(attempt.failure, CentralErrorKind::Timeout);
}

TEST_F(CentralFailures, ServerErrorThenSuccessRetriesWithTheSameIdempotencyKey) {
    server.post("/v1/certificates", [](const httplib::Request&, httplib::Response& response, int call) {
        if (call == 1) {
            response.status = 500;
            response.set_content(R"({"code":"internal","message":"database restarting"})",
                                 "application/json");
            return;
        }
        response.status = 201;
        response.set_content(kCertificateAnswer, "application/json");
    });
    auto client = start();

    auto certificate = client->issue_certificate(certificate_request());

    ASSERT_TRUE(certificate) << certificate.error().detail;
    EXPECT_EQ(certificate->serial, "HK2026000123");
    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 2U);
    EXPECT_EQ(seen[0].idempotency_key, "txn-42-issue");
    EXPECT_EQ(seen[1].idempotency_key, "txn-42-issue");
    EXPECT_EQ(seen[0].body, seen[1].body);
    EXPECT_EQ(probe.sleeps().size(), 1U);
}

TEST_F(CentralFailures, RepeatedUnavailableIsServerErrorAfterMaxAttempts) {
    server.post("/v1/applications", [](const httplib::Request&, httplib::Response& response, int) {
        response.status = 503;
        response.set_content(R"({"code":"internal","message":"maintenance"})", "application/json");
    });
    auto client = start();
    const ApplicationRequest request = sample_application("txn-7-file");

    auto receipt = client->file_application(request);

    ASSERT_FALSE(receipt);
    EXPECT_EQ(receipt.error().kind, CentralErrorKind::ServerError);
    EXPECT_THAT(receipt.error().detail, HasSubstr("503"));
    EXPECT_EQ(server.count("/v1/applications"), 3);
    for (const SeenRequest& seen : server.seen()) EXPECT_EQ(seen.idempotency_key, "txn-7-file");
    EXPECT_EQ(probe.sleeps().size(), 2U);
}

TEST_F(CentralFailures, TooManyRequestsWaitsForRetryAfterThenSucceeds) {
    server.post("/v1/eligibility", [](const httplib::Request&, httplib::Response& response, int call) {
        if (call == 1) {
            response.status = 429;
            response.set_header("Retry-After", "2");
            response.set_content(R"({"code":"too_many_requests","message":"slow down"})", "application/json");
            return;
        }
        response.set_content(kEligibilityAnswer, "application/json");
    });
    auto client = start();

    auto answer = client->check_eligibility(sample_card_holder(), "registration_certificate");

    ASSERT_TRUE(answer) << answer.error().detail;
    EXPECT_EQ(answer->verdict, Verdict::PaperRecordsOnly);
    EXPECT_EQ(probe.sleeps(), std::vector<milliseconds>{milliseconds(2000)});
    EXPECT_EQ(server.count("/v1/eligibility"), 2);
}

class CentralRefusals : public CentralFailures, public ::testing::WithParamInterface<int> {};

TEST_P(CentralRefusals, ClientErrorIsRejectedWithoutRetry) {
    const int status = GetParam();
    server.post("/v1/certificates", [status](const httplib::Request&, httplib::Response& response, int) {
        response.status = status;
        response.set_content(R"({"code":"unprocessable","message":"subject 110101199003071234 unknown"})",
                             "application/json");
    });
    auto client = start();

    auto certificate = client->issue_certificate(certificate_request());

    ASSERT_FALSE(certificate);
    EXPECT_EQ(certificate.error().kind, CentralErrorKind::Rejected);
    EXPECT_THAT(certificate.error().detail, HasSubstr(std::to_string(status)));
    EXPECT_THAT(certificate.error().detail,
                Not(HasSubstr("110101199003071234")));  // the message is not echoed
    EXPECT_EQ(server.count("/v1/certificates"), 1);
    EXPECT_TRUE(probe.sleeps().empty());
}

INSTANTIATE_TEST_SUITE_P(Statuses, CentralRefusals, ::testing::Values(400, 409, 422));

TEST_F(CentralFailures, UnknownTrackingNumberIsNotFound) {
    server.get("/v1/applications/202611229999", [](const httplib::Request&, httplib::Response& response,
                                                   int) {
        response.status = 404;
        response.set_content(R"({"code":"not_found","message":"no such application"})", "application/json");
    });
    auto client = start();

    auto status = client->application_status("202611229999");

    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().kind, CentralErrorKind::NotFound);
    EXPECT_EQ(status.error().detail, "HTTP 404 not_found");
    EXPECT_EQ(server.count("/v1/applications/202611229999"), 1);
}

struct BadBody {
    const char* name;
    std::string body;
    const char* detail;
};

class CentralBadAnswers : public CentralFailures, public ::testing::WithParamInterface<BadBody> {};

TEST_P(CentralBadAnswers, IsBadAnswerWithoutRetry) {
    const std::string body = GetParam().body;
    server.post("/v1/certificates", [body](const httplib::Request&, httplib::Response& response, int) {
        response.status = 201;
        response.set_content(body, "application/json");
    });
    auto client = start();

    auto certificate = client->issue_certificate(certificate_request());

    ASSERT_FALSE(certificate);
    EXPECT_EQ(certificate.error().kind, CentralErrorKind::BadAnswer);
    EXPECT_THAT(certificate.error().detail, HasSubstr(GetParam().detail));
    EXPECT_THAT(certificate.error().detail, Not(HasSubstr("张三")));
    EXPECT_EQ(server.count("/v1/certificates"), 1);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    return text.replace(text.find(from), from.size(), to);
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, CentralBadAnswers,
    ::testing::Values(
        BadBody{"Malformed", "{serial: HK1}", "not JSON"},
        BadBody{"Truncated", std::string(kCertificateAnswer).substr(0, 200), "JSON ends early"},
        BadBody{"SerialAsNumber", replaced(kCertificateAnswer, R"("HK2026000123")", "2026000123"),
                "field 'serial' is not a string"},
        BadBody{"MissingHolderName", replaced(kCertificateAnswer, R"("holder_name": "张三",)", ""),
                "field 'holder_name' is missing"},
        BadBody{"MissingProof",
                replaced(kCertificateAnswer, R"("proof": {"payload")", R"("proof_missing": {"payload")"),
                "field 'proof' is missing"},
        BadBody{"FieldValueAsArray", replaced(kCertificateAnswer, R"("北京市东城区某街1号")", "[1]"),
                "certificate.fields[1]: field 'value' is not a string"},
        BadBody{"NotAnObject", "[]", "is not an object"}),
    [](const ::testing::TestParamInfo<BadBody>& param) { return param.param.name; });

TEST_F(CentralFailures, FiftyMegabyteChunkedAnswerIsCutOffWhileArriving) {
    constexpr std::size_t kHuge = 50 * kMiB;
    std::atomic<std::size_t> sent{0};
    std::atomic<bool> write_failed{false};
    std::promise<void> finished;
    server.get("/v1/handling-points", [&](const httplib::Request&, httplib::Response& response, int) {
        // No Content-Length (chunked): the client cannot refuse up front and must stop reading by itself.
        response.set_chunked_content_provider(
            "application/json",
            [&](std::size_t offset, httplib::DataSink& sink) {
                static const std::string filler = R"({"points":[)" + std::string(64 * 1024 - 11, ' ');
                if (offset >= kHuge) {
                    sink.done();
                    return true;
                }
                if (!sink.write(filler.data(), filler.size())) {
                    write_failed = true;
                    return false;
                }
                sent += filler.size();
                return true;
            },
            [&](bool) { finished.set_value(); });
    });
    auto client = start();

    auto points = client->handling_points();

    ASSERT_FALSE(points);
    EXPECT_EQ(points.error().kind, CentralErrorKind::BadAnswer);
    EXPECT_THAT(points.error().detail, HasSubstr("larger than 1048576 bytes"));
    ASSERT_EQ(probe.attempts().size(), 1U);
    // libcurl hands over at most 16 KiB (CURL_MAX_WRITE_SIZE) at a time: the client stopped within one piece.
    EXPECT_LE(probe.attempts()[0].bytes_received, kMiB + 16 * 1024);
    ASSERT_EQ(finished.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
    EXPECT_TRUE(write_failed) << "the server should have seen the client hang up";
    // What the server managed to send is the limit plus what the loopback socket buffers absorbed.
    EXPECT_LT(sent.load(), 16 * kMiB);
    RecordProperty("client_bytes_received", std::to_string(probe.attempts()[0].bytes_received));
    RecordProperty("server_bytes_sent", std::to_string(sent.load()));
}

TEST_F(CentralFailures, AnnouncedFiftyMegabyteAnswerIsRefusedBeforeReading) {
    constexpr std::size_t kHuge = 50 * kMiB;
    server.get("/v1/handling-points", [&](const httplib::Request&, httplib::Response& response, int) {
        response.set_content_provider(kHuge, "application/json",
                                      [](std::size_t, std::size_t length, httplib::DataSink& sink) {
                                          static const std::string filler(64 * 1024, ' ');
                                          return sink.write(filler.data(), std::min(length, filler.size()));
                                      });
    });
    auto client = start();

    auto points = client->handling_points();

    ASSERT_FALSE(points);
    EXPECT_EQ(points.error().kind, CentralErrorKind::BadAnswer);
    ASSERT_EQ(probe.attempts().size(), 1U);
    EXPECT_EQ(probe.attempts()[0].bytes_received, 0U);  // refused on the Content-Length alone
}

TEST_F(CentralFailures, ConnectionClosedMidAnswerIsBadAnswer) {
    server.get("/v1/handling-points", [](const httplib::Request&, httplib::Response& response, int) {
        // Announces 1000 bytes, sends 500, hangs up.
        response.set_content_provider(1000, "application/json",
                                      [](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                          if (offset > 0) return false;
                                          const std::string half = R"({"points":[)" + std::string(489, ' ');
                                          return sink.write(half.data(), half.size());
                                      });
    });
    auto client = start();

    auto points = client->handling_points();

    ASSERT_FALSE(points);
    EXPECT_EQ(points.error().kind, CentralErrorKind::BadAnswer);
    EXPECT_THAT(points.error().detail, HasSubstr("truncated"));
    EXPECT_EQ(server.count("/v1/handling-points"), 1);
}

}  // namespace
}  // namespace hk::kiosk::central::test
