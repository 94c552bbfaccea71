// DG15 (9303-10 §4.7.15, tag 6F): the active authentication public key, a SubjectPublicKeyInfo (RSA or EC).
#pragma once

#include <expected>

#include "drivers/icao9303/key_handles.h"
#include "drivers/icao9303/lds_error.h"
#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303 {

// The key; Unsupported when it is neither RSA nor EC.
std::expected<EvpPkeyPtr, LdsError> parse_dg15(iso7816::ByteView file);
iso7816::Bytes encode_dg15(const EVP_PKEY* public_key);

}  // namespace hk::drivers::icao9303
