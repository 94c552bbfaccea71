// Basic Access Control (Doc 9303-11 §4.3): keys from the MRZ, mutual authentication by GET CHALLENGE and
// EXTERNAL AUTHENTICATE, and the session keys it yields. Terminal and chip side.
#pragma once

#include "drivers/mrz_check_digit.h"

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "drivers/chip_reader.h"
#include "drivers/icao9303/access_error.h"
#include "drivers/icao9303/crypto.h"
#include "drivers/icao9303/secure_messaging.h"
#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::icao9303 {

using drivers::mrz_check_digit;  // drivers/mrz_check_digit.h

// "MRZ information" of §4.3.2: document number + check digit, birth date + check digit, expiry date + check
// digit. A number shorter than 9 is padded with '<'; a longer one (TD1 overflow into the optional data,
// 9303-5 §4.2.4) is used in full with its check digit over all of it, as 9303-11 §4.3.2 prescribes. Trailing
// '<' fillers of the number are ignored. nullopt when a field has characters outside 0-9 A-Z < or dates are
// not 6 digits. Personal data: wipe it after use.
std::optional<std::string> mrz_information(const ChipAccessKey& key);

// Kseed = the first 16 bytes of SHA-1(MRZ information) (§9.7.2).
Bytes bac_key_seed(std::string_view mrz_information);

// KEnc and KMac from a key seed (§9.7.1 with 3DES; parity adjusted as the Appendix D values show).
struct BacKeys {
    Bytes k_enc;
    Bytes k_mac;
    void wipe();
};
BacKeys derive_bac_keys(ByteView key_seed);

// Terminal side: GET CHALLENGE, EXTERNAL AUTHENTICATE (Le 28), session keys with the SSC from the nonces.
// Nonces come from `random` in the order RND.IFD (8 bytes), K.IFD (16 bytes). 6300 / 6982 on EXTERNAL
// AUTHENTICATE is Refused (wrong MRZ data).
std::expected<SessionKeys, AccessError> perform_bac(iso7816::CardChannel& channel, const ChipAccessKey& key,
                                                    RandomSource& random);

// Chip side, for simulators: answers GET CHALLENGE (00 84 00 00 08) and EXTERNAL AUTHENTICATE (00 82 00 00)
// from the document's key seed. Nonces come from `random`: RND.IC at GET CHALLENGE, K.IC at EXTERNAL
// AUTHENTICATE. A failed authentication answers 6300 and needs a new challenge.
class BacChip {
  public:
    BacChip(ByteView key_seed, RandomSource& random);
    ~BacChip();
    BacChip(const BacChip&) = delete;
    BacChip& operator=(const BacChip&) = delete;

    // True for the INS bytes this class answers (84, 82).
    [[nodiscard]] static bool handles(const iso7816::CommandApdu& command);
    iso7816::ResponseApdu process(const iso7816::CommandApdu& command);
    // The session keys once EXTERNAL AUTHENTICATE succeeded (the simulator then starts secure messaging).
    [[nodiscard]] const std::optional<SessionKeys>& established() const { return established_; }
    // Forgets the challenge and any session (card reset).
    void reset();

  private:
    iso7816::ResponseApdu external_authenticate(const iso7816::CommandApdu& command);

    BacKeys keys_;
    RandomSource& random_;
    Bytes challenge_;  // RND.IC, empty when none is outstanding
    std::optional<SessionKeys> established_;
};

}  // namespace hk::drivers::icao9303
