// The two KeyAgreementDomain implementations, visible to key_agreement.cpp's factories only.
#pragma once

#include <openssl/ec.h>

#include <memory>

#include "key_agreement.h"

namespace hk::drivers::icao9303::detail {

struct BnContextFree {
    void operator()(BN_CTX* context) const { BN_CTX_free(context); }
};
using BnContext = std::unique_ptr<BN_CTX, BnContextFree>;

// Takes ownership of `group`; the generator is the group's own.
std::unique_ptr<KeyAgreementDomain> make_ec_domain(EC_GROUP* group);
// Takes ownership of the numbers; `q` may be null (PKCS #3 parameters without a subgroup order).
std::unique_ptr<KeyAgreementDomain> make_dh_domain(Bignum p, Bignum q, Bignum g);

}  // namespace hk::drivers::icao9303::detail
