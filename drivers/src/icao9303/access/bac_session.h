// What both ends of BAC compute the same way: the cryptogram pair E || M and the session keys (§4.3.3).
#pragma once

#include <optional>

#include "drivers/icao9303/bac.h"

namespace hk::drivers::icao9303::detail {

// E = 3DES(KEnc, S), M = retail MAC(KMac, pad(E)): 40 bytes.
Bytes bac_cryptogram(const BacKeys& keys, ByteView plain32);
// The 32 plain bytes when the MAC verifies, else nullopt.
std::optional<Bytes> open_bac_cryptogram(const BacKeys& keys, ByteView cryptogram40);
// KSeed = K.IFD xor K.IC; SSC = last 4 bytes of RND.IC || last 4 bytes of RND.IFD (§9.8.2).
SessionKeys bac_session_keys(ByteView k_ifd, ByteView k_ic, ByteView rnd_ic, ByteView rnd_ifd);

}  // namespace hk::drivers::icao9303::detail
