// The ContactlessPort of each real transport: thin adapters, so the document reader never knows which it has.
#include "drivers/icao9303/contactless_port.h"
#include "drivers/transports/nfc_reader_port.h"
#include "drivers/transports/pcsc_reader_port.h"

namespace hk::drivers::icao9303 {
namespace {

// PcscReaderPort and NfcReaderPort have the same shape; this puts either behind ContactlessPort.
template <class Port>
class TransportPort : public ContactlessPort {
  public:
    TransportPort(std::string scheme, std::string name)
        : scheme_(std::move(scheme)), name_(std::move(name)), port_(name_) {}
    std::expected<bool, iso7816::ChannelError> wait_for_card(std::chrono::milliseconds timeout) override {
        return port_.wait_for_card(timeout);
    }
    std::expected<std::unique_ptr<iso7816::CardChannel>, iso7816::ChannelError> connect() override {
        auto channel = port_.connect();
        if (!channel) return std::unexpected(channel.error());
        return std::unique_ptr<iso7816::CardChannel>(std::move(*channel));
    }
    [[nodiscard]] std::string describe() const override { return scheme_ + ":" + name_; }

  private:
    std::string scheme_;
    std::string name_;  // the reader selector or libnfc connstring, as configured
    Port port_;
};

}  // namespace

std::expected<std::unique_ptr<ContactlessPort>, std::string> open_contactless_port(std::string_view config) {
    const auto colon = config.find(':');
    const std::string_view scheme = config.substr(0, colon);
    const std::string rest{colon == std::string_view::npos ? std::string_view{} : config.substr(colon + 1)};
    if (scheme == "pcsc") return std::make_unique<TransportPort<transports::PcscReaderPort>>("pcsc", rest);
    if (scheme == "nfc") return std::make_unique<TransportPort<transports::NfcReaderPort>>("nfc", rest);
    return std::unexpected("chip reader \"" + std::string{config} +
                           "\": expected pcsc:<reader name> or nfc:<libnfc connstring>");
}

}  // namespace hk::drivers::icao9303
