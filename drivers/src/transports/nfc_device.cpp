#include "nfc_device.h"

namespace hk::drivers::transports {

using iso7816::ChannelError;
using iso7816::ChannelErrorKind;

std::expected<std::shared_ptr<NfcDevice>, ChannelError> NfcDevice::open(const std::string& connstring) {
    nfc_context* context = nullptr;
    nfc_init(&context);
    if (context == nullptr)
        return std::unexpected(ChannelError{ChannelErrorKind::Transport, "nfc_init failed"});
    nfc_device* device = nfc_open(context, connstring.empty() ? nullptr : connstring.c_str());
    if (device == nullptr) {
        nfc_exit(context);
        return std::unexpected(ChannelError{ChannelErrorKind::ReaderGone, "nfc_open: no such device"});
    }
    auto opened = std::shared_ptr<NfcDevice>(new NfcDevice(context, device));
    if (const int result = nfc_initiator_init(device); result < 0)
        return std::unexpected(nfc_error(result, "nfc_initiator_init"));
    // Infinite selection (libnfc's default) makes the PN53x search until a card comes, and a poll could only
    // be ended by a timeout and an abort; finite retries answer "no target" at once.
    if (const int result = nfc_device_set_property_bool(device, NP_INFINITE_SELECT, false); result < 0)
        return std::unexpected(nfc_error(result, "nfc_device_set_property_bool"));
    return opened;
}

NfcDevice::~NfcDevice() {
    if (!gone_) nfc_initiator_deselect_target(device_);
    nfc_close(device_);
    nfc_exit(context_);
}

ChannelErrorKind nfc_error_kind(int code) {
    switch (code) {
        case NFC_ETGRELEASED:
            return ChannelErrorKind::CardRemoved;
        case NFC_EIO:
        case NFC_ENOTSUCHDEV:
            return ChannelErrorKind::ReaderGone;
        case NFC_ETIMEOUT:
            return ChannelErrorKind::Timeout;
        default:  // NFC_ERFTRANS is told apart by a presence check where it matters
            return ChannelErrorKind::Transport;
    }
}

ChannelError nfc_error(int code, std::string_view what) {
    const char* text = "libnfc error";
    switch (code) {
        case NFC_EIO:
            text = "input/output error";
            break;
        case NFC_EINVARG:
            text = "invalid argument";
            break;
        case NFC_EDEVNOTSUPP:
            text = "operation not supported by device";
            break;
        case NFC_ENOTSUCHDEV:
            text = "no such device";
            break;
        case NFC_EOVFLOW:
            text = "buffer overflow";
            break;
        case NFC_ETIMEOUT:
            text = "timeout";
            break;
        case NFC_EOPABORTED:
            text = "operation aborted";
            break;
        case NFC_ENOTIMPL:
            text = "not implemented";
            break;
        case NFC_ETGRELEASED:
            text = "target released";
            break;
        case NFC_ERFTRANS:
            text = "RF transmission error";
            break;
        case NFC_ECHIP:
            text = "device's internal chip error";
            break;
        default:
            break;
    }
    return ChannelError{nfc_error_kind(code),
                        std::string(what) + ": " + text + " (" + std::to_string(code) + ")"};
}

}  // namespace hk::drivers::transports
