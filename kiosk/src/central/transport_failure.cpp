#include "transport_failure.h"

#include <curl/curl.h>
#include <openssl/x509_vfy.h>

#include <array>
#include <string>

namespace hk::kiosk::central {

namespace {

TransportFailure failure(CentralErrorKind kind, std::string detail, bool worth_retrying) {
    return TransportFailure{CentralError{kind, std::move(detail)}, worth_retrying};
}

// Why OpenSSL refused the server's certificate. A host-name mismatch is checked by libcurl itself after
// OpenSSL accepted the chain, so it shows as a failed verification with a clean verify result.
std::string server_certificate_problem(long verify_result) {
    switch (verify_result) {
        case X509_V_OK:
            return "server certificate does not match the host name";
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return "server certificate expired";
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return "server certificate not yet valid";
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_CERT_SIGNATURE_FAILURE:
            return "server certificate not trusted (not issued by the pinned CA)";
        default:
            return "server certificate rejected (X509 error " + std::to_string(verify_result) + ")";
    }
}

// TLS alerts the server sends when it refuses the kiosk's own certificate, as OpenSSL names them.
constexpr std::array kClientCertificateAlerts{
    "certificate expired",  "bad certificate",     "certificate unknown",     "unknown ca",
    "certificate required", "certificate revoked", "unsupported certificate", "access denied",
};
constexpr std::array kOtherAlerts{"handshake failure", "protocol version", "insufficient security",
                                  "illegal parameter", "decrypt error",    "internal error"};

// The alert the server sent, if OpenSSL's error text names one we know. Only names from our own tables are
// returned, so nothing the server chose reaches the detail.
std::string_view alert_in(std::string_view error_text, bool& about_client_certificate) {
    const std::size_t at = error_text.find("alert ");
    if (at == std::string_view::npos) return {};
    const std::string_view rest = error_text.substr(at + 6);
    for (std::string_view alert : kClientCertificateAlerts) {
        if (rest.starts_with(alert)) {
            about_client_certificate = true;
            return alert;
        }
    }
    for (std::string_view alert : kOtherAlerts) {
        if (rest.starts_with(alert)) return alert;
    }
    return "unrecognised alert";
}

}  // namespace

bool may_be_client_certificate_refusal(int curl_code) {
    return curl_code == CURLE_SSL_CONNECT_ERROR || curl_code == CURLE_SEND_ERROR ||
           curl_code == CURLE_RECV_ERROR || curl_code == CURLE_GOT_NOTHING;
}

TransportFailure classify_transfer_failure(const TransferFacts& facts) {
    using enum CentralErrorKind;
    switch (facts.curl_code) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return failure(Unreachable, "host name not resolved", true);
        case CURLE_COULDNT_CONNECT:
            return failure(Unreachable, "no connection (refused or no route)", true);
        case CURLE_OPERATION_TIMEDOUT:
            if (!facts.connected) return failure(Unreachable, "no connection (connect timed out)", true);
            return failure(Timeout, "no answer in time", true);
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            // Retrying cannot make a certificate trusted; a technician must look.
            return failure(Unreachable, server_certificate_problem(facts.verify_result), false);
        case CURLE_SSL_CERTPROBLEM:
            return failure(Unreachable, "kiosk client certificate or key unusable", false);
        case CURLE_SSL_CACERT_BADFILE:
            return failure(Unreachable, "pinned CA file unusable", false);
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING: {
            // With TLS 1.3 the server checks the kiosk's certificate after the client has finished the
            // handshake, so its refusal arrives as an alert on the first read or write, not during connect --
            // or, when the reset overtakes the alert, as a plain lost connection.
            bool about_client_certificate = false;
            const std::string_view alert = alert_in(facts.error_text, about_client_certificate);
            if (about_client_certificate) {
                return failure(Unreachable, "kiosk certificate refused by the server: " + std::string(alert),
                               false);
            }
            if (facts.own_certificate == OwnCertificateState::Expired) {
                return failure(Unreachable, "kiosk certificate expired (connection closed by the server)",
                               false);
            }
            if (facts.own_certificate == OwnCertificateState::NotYetValid) {
                return failure(Unreachable, "kiosk certificate not yet valid (check the kiosk clock)", false);
            }
            if (!alert.empty())
                return failure(Unreachable, "TLS handshake failed: " + std::string(alert), false);
            if (facts.curl_code == CURLE_SSL_CONNECT_ERROR)
                return failure(Unreachable, "TLS handshake failed", true);
            if (facts.curl_code == CURLE_GOT_NOTHING) {
                return failure(Unreachable, "connection closed without an answer", true);
            }
            return failure(Unreachable, "connection lost", true);
        }
        case CURLE_WRITE_ERROR:
        case CURLE_FILESIZE_EXCEEDED:
            return failure(BadAnswer, "answer larger than " + std::to_string(facts.answer_limit) + " bytes",
                           false);
        case CURLE_PARTIAL_FILE:
            return failure(BadAnswer, "answer truncated (connection closed early)", false);
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_BAD_CONTENT_ENCODING:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return failure(BadAnswer, "answer is not valid HTTP", false);
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_URL_MALFORMAT:
            return failure(Unreachable, "central service URL unusable (https only)", false);
        default:
            return failure(Unreachable,
                           "transfer failed (curl error " + std::to_string(facts.curl_code) + ")", false);
    }
}

}  // namespace hk::kiosk::central
