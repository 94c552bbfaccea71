// What each libcurl failure becomes for the kiosk, and whether it is worth another attempt.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <curl/curl.h>
#include <openssl/x509_vfy.h>

#include "central/transport_failure.h"

namespace hk::kiosk::central::test {
namespace {

TransportFailure classify(CURLcode code, bool connected = false, long verify = 0,
                          std::string_view text = {}) {
    return classify_transfer_failure(TransferFacts{static_cast<int>(code), connected, verify, text, 1024});
}

TEST(CentralTransportFailure, ConnectionProblemsAreUnreachableAndRetried) {
    for (CURLcode code :
         {CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_GOT_NOTHING, CURLE_SEND_ERROR}) {
        const TransportFailure failure = classify(code);
        EXPECT_EQ(failure.error.kind, CentralErrorKind::Unreachable) << code;
        EXPECT_TRUE(failure.worth_retrying) << code;
    }
}

TEST(CentralTransportFailure, TimeoutIsTimeoutOnceConnected) {
    EXPECT_EQ(classify(CURLE_OPERATION_TIMEDOUT, true).error.kind, CentralErrorKind::Timeout);
    EXPECT_EQ(classify(CURLE_OPERATION_TIMEDOUT, false).error.kind, CentralErrorKind::Unreachable);
    EXPECT_TRUE(classify(CURLE_OPERATION_TIMEDOUT, true).worth_retrying);
}

TEST(CentralTransportFailure, CertificateProblemsSayWhichAndAreNotRetried) {
    auto failure =
        classify(CURLE_PEER_FAILED_VERIFICATION, true, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    EXPECT_EQ(failure.error.detail, "server certificate not trusted (not issued by the pinned CA)");
    EXPECT_FALSE(failure.worth_retrying);
    EXPECT_EQ(classify(CURLE_PEER_FAILED_VERIFICATION, true, X509_V_ERR_CERT_HAS_EXPIRED).error.detail,
              "server certificate expired");
    EXPECT_EQ(classify(CURLE_PEER_FAILED_VERIFICATION, true, X509_V_OK).error.detail,
              "server certificate does not match the host name");
    failure =
        classify(CURLE_RECV_ERROR, true, 0,
                 "OpenSSL SSL_read: error:0A000415:SSL routines::sslv3 alert certificate expired, errno 0");
    EXPECT_EQ(failure.error.kind, CentralErrorKind::Unreachable);
    EXPECT_EQ(failure.error.detail, "kiosk certificate refused by the server: certificate expired");
    EXPECT_FALSE(failure.worth_retrying);
    EXPECT_EQ(classify(CURLE_SSL_CONNECT_ERROR, true, 0,
                       "error:0A00042E:SSL routines::tlsv1 alert protocol version")
                  .error.detail,
              "TLS handshake failed: protocol version");
}

TEST(CentralTransportFailure, LostConnectionWithAnExpiredKioskCertificateSaysSo) {
    TransferFacts facts{static_cast<int>(CURLE_RECV_ERROR), true, 0,
                        "Connection reset by peer",         1024, OwnCertificateState::Expired};
    const TransportFailure failure = classify_transfer_failure(facts);
    EXPECT_EQ(failure.error.kind, CentralErrorKind::Unreachable);
    EXPECT_EQ(failure.error.detail, "kiosk certificate expired (connection closed by the server)");
    EXPECT_FALSE(failure.worth_retrying);
    facts.own_certificate = OwnCertificateState::NotYetValid;
    EXPECT_EQ(classify_transfer_failure(facts).error.detail,
              "kiosk certificate not yet valid (check the kiosk clock)");
}

TEST(CentralTransportFailure, OversizedAndTruncatedAnswersAreBadAnswers) {
    EXPECT_EQ(classify(CURLE_WRITE_ERROR, true).error.detail, "answer larger than 1024 bytes");
    EXPECT_EQ(classify(CURLE_FILESIZE_EXCEEDED, true).error.kind, CentralErrorKind::BadAnswer);
    EXPECT_EQ(classify(CURLE_PARTIAL_FILE, true).error.kind, CentralErrorKind::BadAnswer);
    EXPECT_FALSE(classify(CURLE_PARTIAL_FILE, true).worth_retrying);
}

}  // namespace
}  // namespace hk::kiosk::central::test
