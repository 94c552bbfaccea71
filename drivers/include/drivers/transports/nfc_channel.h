// A contactless card selected through libnfc (a PN53x reader: ACR122, PN532 on UART ...): APDUs go through
// nfc_initiator_transceive_bytes, the PN53x doing ISO 14443-4 framing with the card. Opened by
// NfcReaderPort::connect().
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>

#include "drivers/iso7816/bytes.h"
#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::transports {

class NfcDevice;  // private: an open libnfc device shared by a port and its channels

// The selected card as the reader saw it; identifiers for logs are hashed by the caller, never printed.
struct NfcTargetInfo {
    bool type_b = false;
    iso7816::Bytes uid;  // NFCID1 (type A) or PUPI (type B)
    iso7816::Bytes ats;  // ISO 14443-4 answer to select (type A), empty when the card sent none
};

class NfcChannel final : public iso7816::CardChannel {
  public:
    static constexpr std::size_t kMaxCommandBytes = 262;
    static constexpr std::size_t kMaxResponseBytes = 263;

    ~NfcChannel() override;
    NfcChannel(const NfcChannel&) = delete;
    NfcChannel& operator=(const NfcChannel&) = delete;

    // CardRemoved when the card left the field, ReaderGone when the device went away, Timeout when the
    // card did not answer in time, Transport otherwise (also for a command over kMaxCommandBytes).
    std::expected<iso7816::Bytes, iso7816::ChannelError> transmit_raw(iso7816::ByteView command) override;

    // Measured with Debian's libnfc 1.8.0 (pn532_uart) against our PN532 emulator: libnfc reassembles
    // answers the PN532 chains with status 0x40, but into one 264-byte buffer, so at most 263 response bytes
    // (Ne 261 + SW) arrive; a longer answer fails with NFC_ECHIP. Commands over 262 bytes overflow a libnfc
    // stack buffer and abort the process, so transmit_raw refuses them. Short APDUs (261/258 bytes at most)
    // fit; extended-length ones do not, so they are not offered on this path.
    [[nodiscard]] bool supports_extended_length() const override;

    // Whether the card still answers (libnfc's ISO 14443-4 presence check).
    [[nodiscard]] bool card_present() const;
    [[nodiscard]] const NfcTargetInfo& target() const { return info_; }

  private:
    friend class NfcReaderPort;
    NfcChannel(std::shared_ptr<NfcDevice> device, NfcTargetInfo info, std::chrono::milliseconds timeout);

    std::shared_ptr<NfcDevice> device_;
    NfcTargetInfo info_;
    std::chrono::milliseconds timeout_;
};

}  // namespace hk::drivers::transports
