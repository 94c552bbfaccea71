// Byte encodings the protocol uses: base64 (attachments), base64url (signed proofs), base32 (verification
// codes).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hk::central {

// RFC 4648 section 4. Strict: standard alphabet only, no whitespace; '=' padding optional but, when present,
// exact.
std::optional<std::string> base64_decode(std::string_view text);
// RFC 4648 section 5, without padding (as in JWS), so the text is safe in a QR code and a URL.
std::string base64url_encode(std::string_view bytes);
// RFC 4648 section 6 alphabet (A-Z, 2-7), without padding: no 0/1/8 to confuse with O/I/B when typed by hand.
std::string base32_encode(std::string_view bytes);

}  // namespace hk::central
