// A card connected through PC/SC (pcsclite's pcscd): APDUs go through SCardTransmit. Opened by
// PcscReaderPort::connect(); disconnects with SCARD_LEAVE_CARD when destroyed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "drivers/iso7816/bytes.h"
#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::transports {

class PcscContext;  // private: the SCARDCONTEXT shared by a port and its channels

class PcscChannel final : public iso7816::CardChannel {
  public:
    ~PcscChannel() override;
    PcscChannel(const PcscChannel&) = delete;
    PcscChannel& operator=(const PcscChannel&) = delete;

    // CardRemoved when the card left or was reset, ReaderGone when the reader or pcscd went away, Timeout,
    // or Transport. The receive buffer holds the largest extended-length answer (65536 + SW1 SW2).
    std::expected<iso7816::Bytes, iso7816::ChannelError> transmit_raw(iso7816::ByteView command) override;
    // PC/SC readers pass extended APDUs through (CCID/vpcd); the chip's own limit is learnt by the reader.
    [[nodiscard]] bool supports_extended_length() const override { return true; }

    [[nodiscard]] const iso7816::Bytes& atr() const { return atr_; }
    [[nodiscard]] const std::string& reader_name() const { return reader_; }
    [[nodiscard]] std::string_view protocol() const;  // "T=0" or "T=1"

  private:
    friend class PcscReaderPort;
    PcscChannel(std::shared_ptr<PcscContext> context, std::intptr_t card, unsigned long protocol,
                std::string reader, iso7816::Bytes atr);
    // Why a transfer failed when pcsclite only says "not transacted": asks SCardStatus whether the card is
    // still there.
    iso7816::ChannelError classify_failure(long result) const;
    // Whether the reader reports no card now or within a moment (pcscd polls the driver for presence).
    bool card_left_reader() const;

    std::shared_ptr<PcscContext> context_;
    std::intptr_t card_;
    unsigned long protocol_;
    std::string reader_;
    iso7816::Bytes atr_;
};

}  // namespace hk::drivers::transports
