// Chip authentication, Doc 9303-11 §6.2: an ephemeral-static key agreement with the chip's key from DG14 that
// restarts secure messaging under new keys. Only the genuine chip can derive them, so a clone fails at the
// next secured command. Terminal side and chip side.
#pragma once

#include <expected>
#include <optional>
#include <string>

#include "drivers/icao9303/access_error.h"
#include "drivers/icao9303/crypto.h"
#include "drivers/icao9303/secure_messaging.h"

namespace hk::drivers::icao9303 {

// What DG14 says about one chip authentication key (ChipAuthenticationInfo +
// ChipAuthenticationPublicKeyInfo).
struct ChipAuthenticationKey {
    std::string protocol_oid;       // id-CA-{DH,ECDH}-{3DES-CBC-CBC, AES-CBC-CMAC-128/192/256}, dotted
    Bytes subject_public_key_info;  // DER of the chip's static public key (EC or DH)
    std::optional<Bytes> key_id;    // keyId, when DG14 holds several keys (sent as 84)
};

struct ChipAuthenticationProtocol {
    bool ecdh = true;
    CipherSuite suite = CipherSuite::Des3;
};
// 0.4.0.127.0.7.2.2.3.{1 DH, 2 ECDH}.{1 3DES, 2 AES-128, 3 AES-192, 4 AES-256}; nullopt otherwise.
std::optional<ChipAuthenticationProtocol> chip_authentication_protocol_from_oid(std::string_view dotted_oid);

// Terminal side, over the secure-messaging session of BAC or PACE. 3DES: MSE:Set KAT (00 22 41 A6, 91
// ephemeral public key, 84 key id). AES: MSE:Set AT (00 22 41 A4, 80 OID, 84 key id) then GENERAL
// AUTHENTICATE (7C {80 ephemeral public key}). On success the channel is re-keyed (SSC zero) and the function
// returns: the chip has proved nothing yet. The CALLER's next secured command is the proof — if its response
// MAC verifies, the chip holds the private key; a clone fails there with ChannelError Malformed. (No extra
// checking APDU is spent, since the reader goes on reading files anyway.)
std::expected<void, AccessError> perform_chip_authentication(SecureMessagingChannel& channel,
                                                             const ChipAuthenticationKey& key,
                                                             RandomSource& random);

// Chip side, for simulators. Built from the static private key (PKCS #8 or traditional DER, EC or DH) and
// the protocol OID it is offered for. Answers MSE:Set KAT, MSE:Set AT with P1 P2 = 41 A4 and GENERAL
// AUTHENTICATE; once `established()` holds keys the simulator must wrap this response with the old session
// and then switch its ChipSecureMessaging to the new one.
class ChipAuthenticationChip {
  public:
    ChipAuthenticationChip(std::string protocol_oid, ByteView private_key_der,
                           std::optional<Bytes> key_id = {});
    ~ChipAuthenticationChip();
    ChipAuthenticationChip(const ChipAuthenticationChip&) = delete;
    ChipAuthenticationChip& operator=(const ChipAuthenticationChip&) = delete;

    // False when the key or the OID could not be used (every command then fails with 6A80).
    [[nodiscard]] bool valid() const;
    [[nodiscard]] static bool handles(const iso7816::CommandApdu& command);
    iso7816::ResponseApdu process(const iso7816::CommandApdu& command);
    // New session keys after a successful key agreement; take them (the optional is cleared).
    std::optional<SessionKeys> take_established();
    [[nodiscard]] const std::optional<SessionKeys>& established() const { return established_; }

  private:
    iso7816::ResponseApdu agree(ByteView ephemeral_public);

    std::string protocol_oid_;
    Bytes private_key_der_;
    std::optional<Bytes> key_id_;
    std::optional<ChipAuthenticationProtocol> protocol_;
    bool selected_ = false;  // MSE:Set AT done, GENERAL AUTHENTICATE expected
    std::optional<SessionKeys> established_;
};

}  // namespace hk::drivers::icao9303
