#include "drivers/transports/nfc_channel.h"

#include "drivers/iso7816/get_uid.h"
#include "nfc_device.h"

namespace hk::drivers::transports {

using iso7816::Bytes;
using iso7816::ByteView;
using iso7816::ChannelError;
using iso7816::ChannelErrorKind;

namespace {
// libnfc copies at most this many bytes into the caller's buffer: room for the largest extended answer.
constexpr std::size_t kReceiveBufferSize = 65536 + 2;
}  // namespace

NfcChannel::NfcChannel(std::shared_ptr<NfcDevice> device, NfcTargetInfo info,
                       std::chrono::milliseconds timeout)
    : device_(std::move(device)), info_(std::move(info)), timeout_(timeout) {}

NfcChannel::~NfcChannel() = default;

bool NfcChannel::supports_extended_length() const {
    return false;
}

bool NfcChannel::card_present() const {
    if (device_->gone() || !device_->selected) return false;
    return nfc_initiator_target_is_present(device_->get(), &*device_->selected) == NFC_SUCCESS;
}

std::expected<Bytes, ChannelError> NfcChannel::transmit_raw(ByteView command) {
    if (device_->gone()) return std::unexpected(ChannelError{ChannelErrorKind::ReaderGone, "reader gone"});
    if (!device_->selected)
        return std::unexpected(ChannelError{ChannelErrorKind::CardRemoved, "no card selected"});
    // The PN53x has no PC/SC layer: answer GET DATA UID from the anticollision data, as PC/SC readers do.
    if (iso7816::is_get_uid_command(command)) return iso7816::get_uid_answer(info_.uid);
    if (command.size() > kMaxCommandBytes)
        return std::unexpected(
            ChannelError{ChannelErrorKind::Transport, "command longer than the PN53x path carries"});
    Bytes response(kReceiveBufferSize);
    const int result =
        nfc_initiator_transceive_bytes(device_->get(), command.data(), command.size(), response.data(),
                                       response.size(), static_cast<int>(timeout_.count()));
    if (result >= 0) {
        response.resize(static_cast<std::size_t>(result));
        return response;
    }
    ChannelError error = nfc_error(result, "nfc_initiator_transceive_bytes");
    if (error.kind == ChannelErrorKind::ReaderGone) device_->mark_gone();
    // An RF error is what a card leaving the field looks like to the PN53x, but also a one-off glitch:
    // whether the card still answers tells them apart.
    if (result == NFC_ERFTRANS) {
        const int present = nfc_initiator_target_is_present(device_->get(), &*device_->selected);
        if (present == NFC_EIO || present == NFC_ENOTSUCHDEV) {
            device_->mark_gone();
            error.kind = ChannelErrorKind::ReaderGone;
        } else if (present != NFC_SUCCESS) {
            error.kind = ChannelErrorKind::CardRemoved;
        }
    }
    if (error.kind == ChannelErrorKind::CardRemoved) device_->selected.reset();
    return std::unexpected(std::move(error));
}

}  // namespace hk::drivers::transports
