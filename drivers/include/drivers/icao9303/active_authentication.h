// Active authentication (9303-11 §6.1): the terminal sends an 8-byte random challenge in INTERNAL
// AUTHENTICATE; the chip signs it with the private key whose public half is in DG15 (signed by passive
// authentication), which a copied chip cannot do.
//  - RSA: ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery: s^e mod n =
//    6A || M1 || H(M1 || challenge) || trailer; trailer BC means SHA-1, otherwise XX CC with XX the
//    ISO/IEC 10118-3 hash identifier (33 SHA-1, 34 SHA-256, 35 SHA-512, 36 SHA-384, 38 SHA-224).
//  - ECDSA: over H(challenge), H named by DG14's ActiveAuthenticationInfo; the signature is plain r || s
//    (BSI TR-03111 §5.2.1, what 9303 asks for) but some chips send DER: both are accepted.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>

#include "drivers/chip_reader.h"
#include "drivers/icao9303/crypto.h"
#include "drivers/icao9303/key_handles.h"
#include "drivers/icao9303/lds_error.h"
#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303 {

inline constexpr std::size_t kActiveAuthenticationChallengeSize = 8;

struct ActiveAuthenticationResult {
    CheckOutcome outcome = CheckOutcome::NotPossible;
    std::string reason;  // empty when passed; no personal data

    void apply_to(ChipAuthentication& authentication) const;  // sets active_or_chip and the reason
};

Bytes make_active_authentication_challenge(RandomSource& random);

// `dg15_key`: DG15's public key (null: no DG15, NotPossible). `ecdsa_hash`: from DG14's
// ActiveAuthenticationInfo; when absent for an EC key, SHA-1/224/256/384/512 are each tried (some issuers
// leave the info out); for RSA the trailer names the hash.
ActiveAuthenticationResult verify_active_authentication(
    const EVP_PKEY* dg15_key, iso7816::ByteView challenge, iso7816::ByteView response,
    std::optional<HashAlgorithm> ecdsa_hash = std::nullopt);

enum class EcdsaSignatureEncoding : std::uint8_t { Plain, Der };

// The chip side, for the card simulator.
class ActiveAuthenticationChip {
  public:
    struct Options {
        HashAlgorithm rsa_hash = HashAlgorithm::Sha1;  // SHA-1 gives trailer BC, the others XX CC
        HashAlgorithm ecdsa_hash = HashAlgorithm::Sha256;
        EcdsaSignatureEncoding ecdsa_encoding = EcdsaSignatureEncoding::Plain;
        bool cloned = false;  // a copied chip: signs with a fresh key of the same kind, not the DG15 one
    };

    ActiveAuthenticationChip(EvpPkeyPtr private_key, Options options);

    // The INTERNAL AUTHENTICATE answer for `challenge`; Crypto when signing fails.
    [[nodiscard]] std::expected<iso7816::Bytes, LdsError> internal_authenticate(
        iso7816::ByteView challenge) const;

  private:
    EvpPkeyPtr key_;
    Options options_;
};

}  // namespace hk::drivers::icao9303
