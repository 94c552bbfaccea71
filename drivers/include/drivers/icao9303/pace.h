// PACE, Doc 9303-11 §4.4: MSE:Set AT, four GENERAL AUTHENTICATE steps, generic mapping (ECDH and DH) and chip
// authentication mapping (ECDH, AES). Terminal side (the kiosk) and chip side (the simulators).
#pragma once

#include <expected>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "drivers/chip_reader.h"
#include "drivers/icao9303/access_error.h"
#include "drivers/icao9303/card_access.h"
#include "drivers/icao9303/crypto.h"
#include "drivers/icao9303/secure_messaging.h"
#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::icao9303 {

// The shared password π and its reference in MSE:Set AT (§4.4.4.1: 01 MRZ, 02 CAN).
class PacePassword {
  public:
    enum class Kind : std::uint8_t { Mrz = 1, Can = 2 };

    // K = SHA-1(MRZ information) (§9.7.3); nullopt when the MRZ fields are invalid.
    static std::optional<PacePassword> from_mrz(const ChipAccessKey& key);
    // The card access number as printed (usually 6 digits), used as its ASCII bytes.
    static PacePassword from_can(std::string_view can);

    PacePassword(const PacePassword& other) = default;
    PacePassword& operator=(const PacePassword& other) = default;
    PacePassword(PacePassword&& other) noexcept = default;
    PacePassword& operator=(PacePassword&& other) noexcept = default;
    ~PacePassword();

    [[nodiscard]] Kind kind() const { return kind_; }
    [[nodiscard]] std::uint8_t reference() const { return static_cast<std::uint8_t>(kind_); }
    // Kπ = KDF(K, 3) for the suite (§9.7.3).
    [[nodiscard]] Bytes derive_key(CipherSuite suite) const;

  private:
    PacePassword(Kind kind, Bytes secret) : kind_(kind), secret_(std::move(secret)) {}
    Kind kind_;
    Bytes secret_;
};

struct PaceResult {
    SessionKeys keys;  // SSC zero
    PaceInfo info;
    Bytes chip_public_key;          // PK_DH,IC of the key agreement: chip authentication / TA use it as ID_IC
    Bytes chip_mapping_public_key;  // PK_Map,IC (what CAM proves)
    // CAM: the chip authentication data CA_IC, decrypted. Not yet a proof of anything: verify_cam() against
    // DG14's key once DG14 has been read and passed passive authentication.
    std::optional<Bytes> chip_authentication_data;

    void wipe();
};

// Runs PACE with `info` (from EF.CardAccess) over a plain channel; the result's keys start secure messaging.
// Random bytes are drawn for the two ephemeral private keys, mapping first. A wrong password shows as 6300 or
// 6982 from the chip, or as a chip token that does not verify: both are Refused.
std::expected<PaceResult, AccessError> perform_pace(iso7816::CardChannel& channel,
                                                    const PacePassword& password, const PaceInfo& info,
                                                    RandomSource& random);

// CAM (§4.4.3.5.2): PK_Map,IC == CA_IC · PK_IC, with PK_IC the chip authentication public key from DG14
// (SubjectPublicKeyInfo DER). Refused when the equation fails (a cloned chip), Unsupported when the result
// holds no CAM data or the key is not on PACE's curve.
std::expected<void, AccessError> verify_cam(const PaceResult& result, ByteView chip_public_key_info_der);

// Chip side, for simulators. Answers MSE:Set AT (00 22 C1 A4) and the GENERAL AUTHENTICATE chain (10/00 86 00
// 00) for one PACEInfo. Every password it knows (MRZ and/or CAN) may be chosen by the terminal. For CAM it
// needs the static chip authentication private key (PKCS #8 or traditional DER) on the same curve.
class PaceChip {
  public:
    struct Config {
        std::vector<PacePassword> passwords;
        PaceInfo info;
        Bytes cam_private_key_der;  // CAM only
    };
    PaceChip(Config config, RandomSource& random);
    ~PaceChip();
    PaceChip(const PaceChip&) = delete;
    PaceChip& operator=(const PaceChip&) = delete;

    // MSE:Set AT with P1 P2 = C1 A4, and GENERAL AUTHENTICATE.
    [[nodiscard]] static bool handles(const iso7816::CommandApdu& command);
    iso7816::ResponseApdu process(const iso7816::CommandApdu& command);
    // The session keys once the terminal's token verified and ours was sent.
    [[nodiscard]] const std::optional<SessionKeys>& established() const { return established_; }
    void reset();

  private:
    struct State;
    Config config_;
    RandomSource& random_;
    std::unique_ptr<State> state_;
    std::optional<SessionKeys> established_;
};

}  // namespace hk::drivers::icao9303
