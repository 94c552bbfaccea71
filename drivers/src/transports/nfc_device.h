// Private to the libnfc transport: an open libnfc device (with its own nfc_context) shared by a port and
// the channel it opened, the target last selected on it, and the mapping of libnfc error codes onto
// ChannelErrorKind.
#pragma once

#include <nfc/nfc.h>

#include <atomic>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::transports {

class NfcDevice {
  public:
    // nfc_init + nfc_open + nfc_initiator_init, with finite selection retries so that polling for a card
    // returns "none" at once instead of blocking in the reader.
    static std::expected<std::shared_ptr<NfcDevice>, iso7816::ChannelError> open(
        const std::string& connstring);
    ~NfcDevice();
    NfcDevice(const NfcDevice&) = delete;
    NfcDevice& operator=(const NfcDevice&) = delete;

    [[nodiscard]] nfc_device* get() const { return device_; }
    // Once the device stopped answering (I/O error, unplugged) nothing is sent to it again.
    void mark_gone() { gone_ = true; }
    [[nodiscard]] bool gone() const { return gone_.load(); }

    std::optional<nfc_target> selected;  // for nfc_initiator_target_is_present

  private:
    NfcDevice(nfc_context* context, nfc_device* device) : context_(context), device_(device) {}
    nfc_context* context_;
    nfc_device* device_;
    std::atomic<bool> gone_{false};
};

iso7816::ChannelErrorKind nfc_error_kind(int code);
// "<what>: <libnfc's text for code>"; never card data.
iso7816::ChannelError nfc_error(int code, std::string_view what);

}  // namespace hk::drivers::transports
