// What both ends of PACE build and check the same way (§4.4.3, §4.4.4): the dynamic authentication data of
// GENERAL AUTHENTICATE, the nonce cipher, the session keys, the authentication tokens and CAM's cipher.
#pragma once

#include <cstdint>
#include <optional>

#include "drivers/icao9303/card_access.h"
#include "drivers/icao9303/secure_messaging.h"
#include "key_agreement.h"

namespace hk::drivers::icao9303::detail {

// MSE:Set AT data for PACE: 80 protocol OID, 83 password reference, 84 domain parameter id when known.
std::optional<Bytes> pace_set_at_data(const PaceInfo& info, std::uint8_t password_reference);

// 7C L (tag L value), and its inverse: the value of `tag` inside a 7C object that is all of `data`.
Bytes dynamic_authentication_data(std::uint32_t tag, ByteView value);
Bytes dynamic_authentication_data(std::uint32_t tag, ByteView value, std::uint32_t tag2, ByteView value2);
std::optional<Bytes> dynamic_object(ByteView data, std::uint32_t tag);

// The nonce z = E(Kπ, s) in CBC with a zero IV (§4.4.3.1), whole blocks.
Bytes encrypt_nonce(CipherSuite suite, ByteView k_pi, ByteView nonce);
Bytes decrypt_nonce(CipherSuite suite, ByteView k_pi, ByteView encrypted);

// KSenc = KDF(K, 1), KSmac = KDF(K, 2), SSC zero (§4.4.3.4, §9.7.1).
SessionKeys session_keys_from_secret(CipherSuite suite, ByteView shared_secret);

// T = MAC(KSmac, 7F49 { 06 OID, 86 point | 84 value }) over the other side's public key; AES-CMAC without
// explicit padding, the 3DES retail MAC with it (§4.4.3.4, §9.2.2 /
// TR-03110-3 D.3.4).
Bytes authentication_token(const PaceInfo& info, bool ec, ByteView k_mac, ByteView public_key);

// CAM's chip authentication data: AES-CBC with IV = E(KSenc, -1), padded (§4.4.3.5).
Bytes encrypt_chip_authentication_data(const SessionKeys& keys, ByteView data);
std::optional<Bytes> decrypt_chip_authentication_data(const SessionKeys& keys, ByteView cryptogram);

}  // namespace hk::drivers::icao9303::detail
