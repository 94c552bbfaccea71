// Mutual TLS: the kiosk trusts only the pinned provincial CA, and the service refuses kiosks whose
// certificate it does not accept. Both end the call as Unreachable at once: another attempt cannot fix a
// certificate.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "central/https_central_service.h"
#include "hostile_server.h"
#include "sample_answers.h"
#include "test_client.h"
#include "test_pki.h"

namespace hk::kiosk::central::test {
namespace {

using ::testing::HasSubstr;

void serve_points(HostileServer& server) {
    server.get("/v1/handling-points", [](const httplib::Request&, httplib::Response& response, int) {
        response.set_content(kPointsAnswer, "application/json");
    });
}

TEST(CentralTls, TheDevPkiIsAcceptedBothWays) {
    const TestPki& pki = test_pki();
    HostileServer server({pki.server_cert, pki.server_key, pki.ca});
    serve_points(server);
    server.start();
    ClientProbe probe;
    HttpsCentralService client(probe.options(server.base_url()));

    auto points = client.handling_points();

    ASSERT_TRUE(points) << points.error().detail;
    EXPECT_EQ(points->size(), 2U);
}

TEST(CentralTls, ServerCertificateFromAnotherCaIsUnreachableWithoutRetry) {
    const TestPki& pki = test_pki();
    HostileServer server({pki.other_server_cert, pki.other_server_key, pki.ca});
    serve_points(server);
    server.start();
    ClientProbe probe;
    HttpsCentralService client(probe.options(server.base_url()));

    auto points = client.handling_points();

    ASSERT_FALSE(points);
    EXPECT_EQ(points.error().kind, CentralErrorKind::Unreachable);
    EXPECT_THAT(points.error().detail, HasSubstr("server certificate not trusted"));
    EXPECT_EQ(probe.attempts().size(), 1U);
    EXPECT_TRUE(server.seen().empty());
}

TEST(CentralTls, OnlyThePinnedCaIsTrusted) {
    // Pinned to the unrelated CA, the client refuses the genuine provincial server: the pin decides, nothing
    // else.
    const TestPki& pki = test_pki();
    HostileServer server({pki.server_cert, pki.server_key, pki.ca});
    serve_points(server);
    server.start();
    ClientProbe probe;
    CentralClientOptions options = probe.options(server.base_url());
    options.ca_file = pki.other_ca;
    HttpsCentralService client(std::move(options));

    auto points = client.handling_points();

    ASSERT_FALSE(points);
    EXPECT_EQ(points.error().kind, CentralErrorKind::Unreachable);
    EXPECT_THAT(points.error().detail, HasSubstr("server certificate not trusted"));
}

TEST(CentralTls, ExpiredKioskCertificateIsRefusedAsUnreachable) {
    // The server refuses the expired certificate in the TLS handshake, before any HTTP request exists, so
    // there is no 4xx to map to Rejected: it is Unreachable ("TLS handshake refused"), and not retried. With
    // TLS 1.3 the refusal comes after the client's part of the handshake; whether the client reads the
    // server's alert or only a reset connection is a race, so the detail names the kiosk certificate either
    // way (the alert, or the client's own check of its certificate).
    const TestPki& pki = test_pki();
    HostileServer server({pki.server_cert, pki.server_key, pki.ca});
    serve_points(server);
    server.start();
    ClientProbe probe;
    CentralClientOptions options = probe.options(server.base_url());
    options.client_cert_file = pki.expired_kiosk_cert;
    options.client_key_file = pki.expired_kiosk_key;
    HttpsCentralService client(std::move(options));

    auto points = client.handling_points();

    ASSERT_FALSE(points);
    EXPECT_EQ(points.error().kind, CentralErrorKind::Unreachable);
    EXPECT_THAT(points.error().detail, ::testing::StartsWith("kiosk certificate"));
    EXPECT_THAT(points.error().detail, HasSubstr("expired"));
    EXPECT_EQ(probe.attempts().size(), 1U);
    EXPECT_TRUE(server.seen().empty());
}

TEST(CentralTls, MissingKioskCertificateFileIsUnreachable) {
    const TestPki& pki = test_pki();
    HostileServer server({pki.server_cert, pki.server_key, pki.ca});
    serve_points(server);
    server.start();
    ClientProbe probe;
    CentralClientOptions options = probe.options(server.base_url());
    options.client_cert_file = pki.dir + "/kiosks/no-such-kiosk.pem";
    HttpsCentralService client(std::move(options));

    auto points = client.handling_points();

    ASSERT_FALSE(points);
    EXPECT_EQ(points.error().kind, CentralErrorKind::Unreachable);
    EXPECT_THAT(points.error().detail, HasSubstr("kiosk client certificate"));
    EXPECT_EQ(probe.attempts().size(), 1U);
}

}  // namespace
}  // namespace hk::kiosk::central::test
