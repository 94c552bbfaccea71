// ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery, the RSA form of active
// authentication (9303-11 §6.1.2 and Appendix on AA): the message representative is
//   F = 6A || M1 || H(M1 || M2) || trailer,   M2 = the challenge,
// 6A = header '01' (fixed), '1' (partial recovery), '0' + padding bits '1010'. The trailer is BC for SHA-1
// (implicit) or XX CC with XX the hash identifier of ISO/IEC 10118-3 (33 SHA-1, 34 SHA-256, 35 SHA-512,
// 36 SHA-384, 38 SHA-224).
#pragma once

#include <optional>

#include "drivers/icao9303/crypto.h"

namespace hk::drivers::icao9303::rsa9796 {

// The hash named by F's trailer and the trailer's length; nullopt for an unknown trailer.
struct Trailer {
    HashAlgorithm hash;
    std::size_t length;
};
std::optional<Trailer> read_trailer(ByteView representative);
Bytes trailer(HashAlgorithm hash);

// True when `representative` (s^e mod n, the modulus' length) is well-formed and its hash covers
// M1 || challenge.
bool verify_recovered(ByteView representative, ByteView challenge);

// F for a modulus of `modulus_size` bytes, with M1 taken from `m1_source` (random bytes, at least as long as
// needed); empty if the modulus is too small for the hash.
Bytes representative(std::size_t modulus_size, HashAlgorithm hash, ByteView challenge, ByteView m1_source);

}  // namespace hk::drivers::icao9303::rsa9796
