// A software e-passport chip (ICAO Doc 9303 parts 10-11, card side) for tests, the demo and the benchmark:
// the eMRTD application with its files, BAC and PACE, secure messaging, active and chip authentication, and
// the quirks of real chips (icao_card_quirks.h). It answers APDUs in process (InProcessCardChannel), behind
// real pcscd (VpcdCardBridge) and behind real libnfc (Pn532Emulator).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "drivers/chip_reader.h"
#include "drivers/iso7816/apdu.h"
#include "drivers/sim/icao_card_quirks.h"
#include "drivers/sim/simulated_card.h"

namespace hk::drivers::sim {

// What is on the chip. Files are given whole (as the LDS test-document factory makes them).
struct IcaoCardContents {
    std::map<std::uint16_t, iso7816::Bytes> application_files;  // EF.COM 011E, EF.SOD 011D, DG1 0101, ...
    std::optional<iso7816::Bytes> card_access;                  // EF.CardAccess (011C) in the MF: PACE
    ChipAccessKey mrz_key;                                      // opens BAC, and PACE with the MRZ
    std::string can;                                            // card access number for PACE with the CAN
    iso7816::Bytes active_authentication_key_der;  // private key (DER, PKCS#8 or traditional) for DG15
    iso7816::Bytes chip_authentication_key_der;    // private key for DG14
};

class IcaoCardSimulator : public SimulatedCard {
  public:
    IcaoCardSimulator(IcaoCardContents contents, IcaoCardQuirks quirks = {});
    ~IcaoCardSimulator() override;

    [[nodiscard]] iso7816::Bytes atr() const override;
    void reset() override;
    iso7816::Bytes process(iso7816::ByteView command) override;
    [[nodiscard]] bool present() const override { return present_.load(); }

    void set_present(bool present) override;
    // A random UID as ICAO chips show (9303-11 recommends one per session: 4 bytes starting 08), drawn when
    // the simulator is made.
    [[nodiscard]] iso7816::Bytes uid() const override { return uid_; }
    // APDUs answered since the card came into the field.
    [[nodiscard]] int apdus_answered() const { return apdus_.load(); }

    // The EF.ATR/INFO this chip shows: its extended-length limits (7F66), absent without extended length.
    [[nodiscard]] std::optional<iso7816::Bytes> atr_info() const;

  private:
    struct Session;  // access control and secure-messaging state of the current card session

    iso7816::ResponseApdu dispatch(const iso7816::CommandApdu& command, bool secured);
    iso7816::ResponseApdu select(const iso7816::CommandApdu& command);
    iso7816::ResponseApdu read_binary(const iso7816::CommandApdu& command);
    iso7816::Bytes process_locked(iso7816::ByteView command);
    [[nodiscard]] const iso7816::Bytes* selected_file() const;

    IcaoCardContents contents_;
    IcaoCardQuirks quirks_;
    std::optional<iso7816::Bytes> atr_info_file_;
    std::mutex mutex_;
    iso7816::Bytes uid_;
    std::atomic<bool> present_{true};
    std::atomic<int> apdus_{0};

    enum class Df : std::uint8_t { Master, Application };
    Df current_df_ = Df::Master;
    std::optional<std::uint16_t> current_ef_;
    std::unique_ptr<Session> session_;
};

}  // namespace hk::drivers::sim
