// Secure messaging of ICAO Doc 9303-11 §9.8, both ends: the terminal's channel that wraps every command and
// unwraps every response, and the chip's counterpart for simulators. 3DES (retail MAC) and AES (CMAC) suites.
#pragma once

#include <cstdint>
#include <expected>

#include "drivers/icao9303/crypto.h"
#include "drivers/iso7816/apdu.h"
#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::icao9303 {

// Keys of one secure-messaging session. The send sequence counter is 8 bytes for 3DES and 16 for AES
// (§9.8.2): BAC starts it from the nonces, PACE and chip authentication from zero.
struct SessionKeys {
    CipherSuite suite = CipherSuite::Des3;
    Bytes k_enc;
    Bytes k_mac;
    Bytes ssc;

    // Overwrites the keys and the counter.
    void wipe();
};

// A zero send sequence counter of the suite's block length (PACE, chip authentication).
Bytes zero_ssc(CipherSuite suite);

// Terminal side. Every command sent through it is protected, every response checked and decrypted. After a
// MAC failure or malformed secure-messaging objects the chip has dropped its keys (§9.8.6.1), so the channel
// refuses every further command with Malformed; a new session needs BAC or PACE again.
class SecureMessagingChannel : public iso7816::CardChannel {
  public:
    SecureMessagingChannel(iso7816::CardChannel& inner, SessionKeys keys);
    ~SecureMessagingChannel() override;
    SecureMessagingChannel(const SecureMessagingChannel&) = delete;
    SecureMessagingChannel& operator=(const SecureMessagingChannel&) = delete;

    // `command` is a plain APDU (short or extended); the answer is plain data || SW1 SW2. A response that is
    // only a status word (the chip answered an error without secure messaging, e.g. 6982 or 6988) comes back
    // as it is.
    std::expected<Bytes, iso7816::ChannelError> transmit_raw(ByteView command) override;
    [[nodiscard]] bool supports_extended_length() const override;

    // Chip authentication (§6.2) replaces the keys after its own exchange; the counter restarts at zero.
    void replace_keys(SessionKeys keys);
    // False after a MAC failure or malformed objects.
    [[nodiscard]] bool usable() const { return usable_; }
    [[nodiscard]] CipherSuite suite() const { return keys_.suite; }
    iso7816::CardChannel& inner() { return inner_; }

  private:
    std::expected<Bytes, iso7816::ChannelError> fail(std::string detail);

    iso7816::CardChannel& inner_;
    SessionKeys keys_;
    bool usable_ = true;
};

// Chip side, for simulators: checks and decrypts protected commands, protects responses.
class ChipSecureMessaging {
  public:
    explicit ChipSecureMessaging(SessionKeys keys);
    ~ChipSecureMessaging();
    ChipSecureMessaging(const ChipSecureMessaging&) = delete;
    ChipSecureMessaging& operator=(const ChipSecureMessaging&) = delete;

    // The plain command, or the status word to answer unprotected: 6987 when expected objects are missing
    // (no DO8E, an unprotected CLA), 6988 when they are incorrect (wrong MAC, bad lengths or padding). After
    // an error the session is over (`active()` false), as §9.8.6.1 requires of the chip.
    std::expected<iso7816::CommandApdu, std::uint16_t> unwrap_command(ByteView command);
    // Protects `response` (DO87 or DO85 for an odd INS, DO99, DO8E) as data || SW1 SW2; without DO99 the
    // status travels only in the clear SW, as some chips do.
    Bytes wrap_response(const iso7816::ResponseApdu& response, bool include_do99 = true);

    // Simulator quirk: the next wrapped response carries a MAC with one bit flipped.
    void corrupt_next_mac() { corrupt_next_mac_ = true; }
    void replace_keys(SessionKeys keys);
    [[nodiscard]] bool active() const { return active_; }

  private:
    SessionKeys keys_;
    bool active_ = true;
    bool corrupt_next_mac_ = false;
    bool last_ins_odd_ = false;
};

}  // namespace hk::drivers::icao9303
