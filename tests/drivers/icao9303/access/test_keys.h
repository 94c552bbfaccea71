// Static chip keys made with OpenSSL for the tests: the private key as PKCS #8 DER (for the chip side) and
// the public key as SubjectPublicKeyInfo DER (what DG14 would hold).
#pragma once

#include <string>

#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303::test {

struct TestKeyPair {
    iso7816::Bytes private_pkcs8;
    iso7816::Bytes public_spki;
};

// `curve`: an OpenSSL group name ("P-256", "brainpoolP256r1").
TestKeyPair generate_ec_key(const std::string& curve);
// `group`: an OpenSSL FFC group name ("dh_2048_256"); an X9.42 (dhpublicnumber) key.
TestKeyPair generate_dh_key(const std::string& group);

}  // namespace hk::drivers::icao9303::test
