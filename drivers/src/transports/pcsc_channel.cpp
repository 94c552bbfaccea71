#include "drivers/transports/pcsc_channel.h"

#include <PCSC/pcsclite.h>

#include <type_traits>

#include "pcsc_context.h"

namespace hk::drivers::transports {

using iso7816::Bytes;
using iso7816::ByteView;
using iso7816::ChannelError;
using iso7816::ChannelErrorKind;

static_assert(sizeof(SCARDHANDLE) <= sizeof(std::intptr_t));
static_assert(std::is_same_v<DWORD, unsigned long>);

namespace {
// The largest extended-length answer: 65536 data bytes and SW1 SW2.
constexpr std::size_t kReceiveBufferSize = 65536 + 2;
}  // namespace

PcscChannel::PcscChannel(std::shared_ptr<PcscContext> context, std::intptr_t card, unsigned long protocol,
                         std::string reader, Bytes atr)
    : context_(std::move(context)),
      card_(card),
      protocol_(protocol),
      reader_(std::move(reader)),
      atr_(std::move(atr)) {}

PcscChannel::~PcscChannel() {
    SCardDisconnect(static_cast<SCARDHANDLE>(card_), SCARD_LEAVE_CARD);
}

std::string_view PcscChannel::protocol() const {
    return protocol_ == SCARD_PROTOCOL_T0 ? "T=0" : "T=1";
}

std::expected<Bytes, ChannelError> PcscChannel::transmit_raw(ByteView command) {
    Bytes response(kReceiveBufferSize);
    DWORD received = static_cast<DWORD>(response.size());
    const SCARD_IO_REQUEST* send_pci = protocol_ == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    const LONG result =
        SCardTransmit(static_cast<SCARDHANDLE>(card_), send_pci, command.data(),
                      static_cast<DWORD>(command.size()), nullptr, response.data(), &received);
    if (result != SCARD_S_SUCCESS) return std::unexpected(classify_failure(result));
    if (received < 2) {
        // Every card answer has SW1 SW2. vpcd hands pcscd an empty answer when its card vanished mid-command.
        ChannelError error{ChannelErrorKind::Malformed, "SCardTransmit: answer without a status word"};
        if (card_left_reader()) error.kind = ChannelErrorKind::CardRemoved;
        return std::unexpected(std::move(error));
    }
    response.resize(received);
    return response;
}

bool PcscChannel::card_left_reader() const {
    // pcscd notices a removal at its next presence poll of the driver (every 400 ms for vpcd), so watch the
    // reader's state for a little longer than that.
    constexpr DWORD kSettleMs = 1000;
    SCARD_READERSTATE reader{};
    reader.szReader = reader_.c_str();
    reader.dwCurrentState = SCARD_STATE_UNAWARE;
    LONG result = SCardGetStatusChange(context_->handle(), 0, &reader, 1);
    if (result != SCARD_S_SUCCESS) return false;
    if ((reader.dwEventState & SCARD_STATE_EMPTY) != 0) return true;
    reader.dwCurrentState = reader.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
    result = SCardGetStatusChange(context_->handle(), kSettleMs, &reader, 1);
    return result == SCARD_S_SUCCESS && (reader.dwEventState & SCARD_STATE_EMPTY) != 0;
}

ChannelError PcscChannel::classify_failure(long result) const {
    ChannelError error = pcsc_error(result, "SCardTransmit");
    if (error.kind != ChannelErrorKind::Transport) return error;
    // vpcd and many CCID readers report a card pulled mid-command only as a failed transfer
    // (SCARD_E_NOT_TRANSACTED, SCARD_F_COMM_ERROR): the card's state tells which it was.
    char reader[MAX_READERNAME] = {};
    DWORD reader_length = sizeof reader;
    DWORD state = 0;
    DWORD protocol = 0;
    BYTE atr[MAX_ATR_SIZE] = {};
    DWORD atr_length = sizeof atr;
    const LONG status = SCardStatus(static_cast<SCARDHANDLE>(card_), reader, &reader_length, &state,
                                    &protocol, atr, &atr_length);
    if (status != SCARD_S_SUCCESS) {
        if (pcsc_error_kind(status) != ChannelErrorKind::Transport) error.kind = pcsc_error_kind(status);
    } else if ((state & SCARD_PRESENT) == 0 || card_left_reader()) {
        error.kind = ChannelErrorKind::CardRemoved;
    }
    return error;
}

}  // namespace hk::drivers::transports
