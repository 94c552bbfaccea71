// The kiosk's own client certificate as the kiosk's clock sees it. With TLS 1.3 the server refuses a client
// certificate after the client has finished its handshake; the alert saying why often loses the race with the
// connection reset and the client only sees "connection lost". Checking our own certificate then tells the
// technician the likely cause, the same way every time.
#pragma once

#include <cstdint>
#include <string>

namespace hk::kiosk::central {

enum class OwnCertificateState : std::uint8_t { Valid, Expired, NotYetValid, Unreadable };

OwnCertificateState own_certificate_state(const std::string& pem_file);

}  // namespace hk::kiosk::central
