#include <PCSC/pcsclite.h>

#include <string>

#include "pcsc_context.h"

namespace hk::drivers::transports {

using iso7816::ChannelError;
using iso7816::ChannelErrorKind;

std::expected<std::shared_ptr<PcscContext>, ChannelError> PcscContext::establish() {
    SCARDCONTEXT handle = 0;
    const LONG result = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &handle);
    if (result != SCARD_S_SUCCESS) return std::unexpected(pcsc_error(result, "SCardEstablishContext"));
    return std::shared_ptr<PcscContext>(new PcscContext(handle));
}

PcscContext::~PcscContext() {
    SCardReleaseContext(handle_);
}

ChannelErrorKind pcsc_error_kind(LONG result) {
    switch (result) {
        case SCARD_W_REMOVED_CARD:
        case SCARD_E_NO_SMARTCARD:
        case SCARD_W_RESET_CARD:
        case SCARD_W_UNPOWERED_CARD:
            return ChannelErrorKind::CardRemoved;
        case SCARD_E_READER_UNAVAILABLE:
        case SCARD_E_NO_SERVICE:
        case SCARD_E_SERVICE_STOPPED:
        case SCARD_E_UNKNOWN_READER:
        case SCARD_E_NO_READERS_AVAILABLE:
        case SCARD_E_INVALID_HANDLE:  // the handle died with its context (pcscd restarted)
            return ChannelErrorKind::ReaderGone;
        case SCARD_E_TIMEOUT:
            return ChannelErrorKind::Timeout;
        default:
            return ChannelErrorKind::Transport;
    }
}

ChannelError pcsc_error(LONG result, std::string_view what) {
    return ChannelError{pcsc_error_kind(result), std::string(what) + ": " + pcsc_stringify_error(result)};
}

}  // namespace hk::drivers::transports
