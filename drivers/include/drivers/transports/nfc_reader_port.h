// One libnfc reader, chosen by connstring ("pn532_uart:/dev/ttyUSB0", "acr122_usb:", empty = the first
// device libnfc finds), as the chip reader's worker thread uses it: wait for a card (ISO 14443-A, then -B),
// connect, exchange APDUs. After ReaderGone the port reopens the device on the next call, so a re-plugged
// reader recovers without restarting the kiosk. Used from one thread.
#pragma once

#include <chrono>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/iso7816/card_channel.h"
#include "drivers/transports/nfc_channel.h"

namespace hk::drivers::transports {

struct NfcReaderOptions {
    std::chrono::milliseconds transceive_timeout{2000};  // per APDU; chips take long for signatures
    std::chrono::milliseconds poll_interval{50};         // between selection rounds while no card is there
};

class NfcReaderPort {
  public:
    explicit NfcReaderPort(std::string connstring, NfcReaderOptions options = {});
    ~NfcReaderPort();
    NfcReaderPort(const NfcReaderPort&) = delete;
    NfcReaderPort& operator=(const NfcReaderPort&) = delete;

    // Connstrings of the devices libnfc can find by itself, for technicians. (A PN532 on a pty is not found
    // by scanning; it is named explicitly.)
    static std::expected<std::vector<std::string>, iso7816::ChannelError> list_devices();

    // True once a card was selected, false when none came within `timeout`; ReaderGone when the device
    // cannot be opened or stops answering.
    std::expected<bool, iso7816::ChannelError> wait_for_card(std::chrono::milliseconds timeout);

    // A channel to the card the last wait_for_card selected; CardRemoved when none is selected.
    std::expected<std::unique_ptr<NfcChannel>, iso7816::ChannelError> connect();

    // The device's name as libnfc reports it ("pn532_uart:/dev/pts/3"); empty while closed.
    [[nodiscard]] std::string device_name() const;

  private:
    std::expected<std::shared_ptr<NfcDevice>, iso7816::ChannelError> device();
    iso7816::ChannelError forget_device_if_gone(iso7816::ChannelError error);

    std::string connstring_;
    NfcReaderOptions options_;
    std::shared_ptr<NfcDevice> device_;
    std::optional<NfcTargetInfo> selected_;
};

}  // namespace hk::drivers::transports
