// Mutual TLS: only kiosks holding a certificate from the provincial kiosk CA get an answer.
#include "live_fixture.h"

namespace hk::central::test {
namespace {

using LiveTls = LiveCentral;

TEST_F(LiveTls, AKioskOfTheCaIsServed) {
    auto answer = client->Get("/v1/keys");
    ASSERT_TRUE(answer) << httplib::to_string(answer.error());
    EXPECT_EQ(answer->status, 200);
}

TEST_F(LiveTls, AClientWithoutACertificateIsRefused) {
    auto anonymous = kiosk_client(pki, server->port(), "");
    auto answer = anonymous->Get("/v1/keys");
    EXPECT_FALSE(answer) << "got HTTP " << answer->status;
    EXPECT_TRUE(server->alive());
}

TEST_F(LiveTls, ACertificateFromAnotherCaIsRefusedAtTheHandshake) {
    const Pki other = make_pki(temp.path() / "other-pki", {"kiosk-a"});
    auto impostor = foreign_client(pki, other, server->port());
    auto answer = impostor->Get("/v1/keys");
    EXPECT_FALSE(answer) << "got HTTP " << answer->status;
    EXPECT_TRUE(server->alive());
}

TEST_F(LiveTls, TheServerCertificateCannotPassForAKiosk) {
    // Same CA, but issued for serverAuth only: OpenSSL's ssl_client purpose check refuses it.
    auto pretender = std::make_unique<httplib::SSLClient>(
        "127.0.0.1", server->port(), (pki.dir / "server.pem").string(), (pki.dir / "server.key").string());
    pretender->set_ca_cert_path(pki.ca().c_str());
    pretender->enable_server_certificate_verification(true);
    EXPECT_FALSE(pretender->Get("/v1/keys"));
}

TEST_F(LiveTls, SigtermStopsTheServerCleanly) {
    EXPECT_EQ(server->terminate(), 0);
}

}  // namespace
}  // namespace hk::central::test
