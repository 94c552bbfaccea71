// Who is calling: the kiosk id is the subject CN of the client certificate the TLS handshake verified against
// the provincial kiosk CA. A kiosk id in a body is never trusted.
#pragma once

#include <optional>
#include <string>

struct ssl_st;  // OpenSSL's SSL, declared here so this header needs no OpenSSL include

namespace hk::central {

// The CN of the peer's certificate; nullopt without a certificate, without a CN, or with a CN that is not
// 1-64 printable ASCII characters (it names the kiosk in the database and in logs).
std::optional<std::string> peer_common_name(const ssl_st* ssl);

}  // namespace hk::central
