// The cipher and MAC of a secure-messaging session (§9.8) and of the BAC/PACE tokens, shared by both ends.
#pragma once

#include "drivers/icao9303/crypto.h"
#include "drivers/icao9303/secure_messaging.h"

namespace hk::drivers::icao9303::detail {

// SSC + 1 as a big-endian counter, before every command and every response (§9.8.2).
void increment_ssc(Bytes& ssc);

// Pads `message` (ISO/IEC 9797-1 method 2, to the suite's block) and MACs it: retail MAC for 3DES, the first
// 8 bytes of AES-CMAC for AES (§9.2).
Bytes session_mac(CipherSuite suite, ByteView k_mac, ByteView message);

// CBC over whole blocks: 3DES with a zero IV, AES with IV = E(KSenc, SSC) (§9.8.6.1). Empty on failure.
Bytes session_encrypt(const SessionKeys& keys, ByteView padded);
Bytes session_decrypt(const SessionKeys& keys, ByteView cryptogram);

// Constant-time comparison, for MACs and tokens.
bool equal_secret(ByteView a, ByteView b);

}  // namespace hk::drivers::icao9303::detail
