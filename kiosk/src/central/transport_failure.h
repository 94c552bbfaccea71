// Turns a failed libcurl transfer into a CentralError a technician can act on ("server certificate not
// trusted", "kiosk certificate refused by the server: certificate expired", ...) and says whether another
// attempt could help. Pure, so every mapping is unit-tested without a network.
#pragma once

#include <cstddef>
#include <string_view>

#include "central/own_certificate.h"
#include "kiosk/central_service.h"

namespace hk::kiosk::central {

struct TransportFailure {
    CentralError error;
    bool worth_retrying =
        false;  // a later attempt may succeed (refused connection, timeout, connection lost)
};

// What libcurl knew when the transfer failed.
struct TransferFacts {
    int curl_code = 0;       // CURLcode
    bool connected = false;  // the TCP connection was established
    long verify_result = 0;  // CURLINFO_SSL_VERIFYRESULT: X509_V_ERR_* of the server certificate
    std::string_view
        error_text;  // CURLOPT_ERRORBUFFER (OpenSSL's own words, never request or answer content)
    std::size_t answer_limit = 0;
    // The kiosk's own certificate, looked at when the connection broke where a refusal of it would show.
    OwnCertificateState own_certificate = OwnCertificateState::Valid;
};

// Whether a failure with this CURLcode may be the server refusing the kiosk's certificate (so the transport
// should look at its own certificate before classifying).
[[nodiscard]] bool may_be_client_certificate_refusal(int curl_code);

TransportFailure classify_transfer_failure(const TransferFacts& facts);

}  // namespace hk::kiosk::central
