// Diffie-Hellman over the two kinds of domain parameters 9303-11 uses (§9.6): elliptic curves (ECDH, with
// EC_GROUP/EC_POINT arithmetic, which OpenSSL 3 does not deprecate) and prime-order subgroups of MODP groups
// (DH, with BIGNUM arithmetic). PACE's generic mapping needs a generator of its own, which neither EVP
// interface offers, so the arithmetic is done here; keys never leave this layer except as bytes.
#pragma once

#include <openssl/bn.h>

#include <memory>
#include <optional>

#include "drivers/icao9303/crypto.h"

namespace hk::drivers::icao9303::detail {

struct BignumFree {
    void operator()(BIGNUM* bn) const { BN_clear_free(bn); }
};
using Bignum = std::unique_ptr<BIGNUM, BignumFree>;

Bignum bignum_from_bytes(ByteView bytes);
// Big-endian, left-padded with zeros to `length` (empty if it does not fit).
Bytes bignum_to_bytes(const BIGNUM& value, std::size_t length);

class KeyAgreementDomain {
  public:
    virtual ~KeyAgreementDomain() = default;

    [[nodiscard]] virtual bool is_ec() const = 0;
    [[nodiscard]] virtual const BIGNUM& order() const = 0;
    // Bytes of the order: the size of private keys and of CAM's chip authentication data.
    [[nodiscard]] std::size_t order_length() const;

    // A private key in [1, order - 1] from `random`: draws order_length() bytes until one is in range, so a
    // scripted source gives exactly the published keys.
    Bignum generate_private_key(RandomSource& random) const;
    // ECDH: uncompressed point 04 || X || Y; DH: the value, as long as p.
    [[nodiscard]] virtual Bytes public_key(const BIGNUM& private_key) const = 0;
    // A public key of the other side is on the curve (not infinity) or in the subgroup (1 < y < p-1,
    // y^q = 1).
    [[nodiscard]] virtual bool valid_public_key(ByteView public_key) const = 0;
    // ECDH: the x coordinate of private·peer, as long as the field; DH: peer^private mod p, as long as p
    // (§9.6). nullopt for an invalid peer key.
    [[nodiscard]] virtual std::optional<Bytes> shared_secret(const BIGNUM& private_key,
                                                             ByteView peer_public_key) const = 0;
    // PACE generic mapping (§4.4.3.3.1): G' = s·G + H with H = private·peer (ECDH), g' = g^s · h mod p with
    // h = peer^private (DH). nullptr for an invalid peer key or a degenerate result.
    [[nodiscard]] virtual std::unique_ptr<KeyAgreementDomain> generic_mapping(
        ByteView nonce, const BIGNUM& private_key, ByteView peer_public_key) const = 0;
    // For CAM (§4.4.3.5): scalar·peer == expected, both encoded points. Only for ECDH.
    [[nodiscard]] virtual bool scalar_multiple_equals(ByteView scalar, ByteView peer_public_key,
                                                      ByteView expected) const = 0;
};

// Standardized domain parameters 0-2 and 8-18 (§9.5.1); nullptr for others.
std::unique_ptr<KeyAgreementDomain> standardized_domain(int parameter_id);

// A static key from DG14 (SubjectPublicKeyInfo DER: EC with named or explicit parameters, DH/X9.42).
struct StaticPublicKey {
    std::unique_ptr<KeyAgreementDomain> domain;
    Bytes public_key;  // encoded as KeyAgreementDomain::public_key does
};
std::optional<StaticPublicKey> parse_subject_public_key_info(ByteView der);

// A static private key (PKCS#8 or traditional DER), for the chip side.
struct StaticPrivateKey {
    std::unique_ptr<KeyAgreementDomain> domain;
    Bignum private_key;
    Bytes public_key;
};
std::optional<StaticPrivateKey> parse_private_key(ByteView der);

}  // namespace hk::drivers::icao9303::detail
