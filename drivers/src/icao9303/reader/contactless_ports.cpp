// The ContactlessPort of each real transport: thin adapters, so the document reader never knows which it has.
#include "drivers/icao9303/contactless_port.h"
#include "drivers/transports/nfc_reader_port.h"
#include "drivers/transports/pcsc_reader_port.h"

namespace hk::drivers::icao9303 {
namespace {

class PcscPort : public ContactlessPort {
  public:
    explicit PcscPort(std::string selector) : selector_(std::move(selector)), port_(selector_) {}
    std::expected<bool, iso7816::ChannelError> wait_for_card(std::chrono::milliseconds timeout) override {
        return port_.wait_for_card(timeout);
    }
    std::expected<std::unique_ptr<iso7816::CardChannel>, iso7816::ChannelError> connect() override {
        auto channel = port_.connect();
        if (!channel) return std::unexpected(channel.error());
        return std::unique_ptr<iso7816::CardChannel>(std::move(*channel));
    }
    [[nodiscard]] std::string describe() const override {
        return "pcsc:" + (port_.reader_name().empty() ? selector_ : port_.reader_name());
    }

  private:
    std::string selector_;
    transports::PcscReaderPort port_;
};

class NfcPort : public ContactlessPort {
  public:
    explicit NfcPort(std::string connstring) : connstring_(std::move(connstring)), port_(connstring_) {}
    std::expected<bool, iso7816::ChannelError> wait_for_card(std::chrono::milliseconds timeout) override {
        return port_.wait_for_card(timeout);
    }
    std::expected<std::unique_ptr<iso7816::CardChannel>, iso7816::ChannelError> connect() override {
        auto channel = port_.connect();
        if (!channel) return std::unexpected(channel.error());
        return std::unique_ptr<iso7816::CardChannel>(std::move(*channel));
    }
    [[nodiscard]] std::string describe() const override { return "nfc:" + connstring_; }

  private:
    std::string connstring_;
    transports::NfcReaderPort port_;
};

}  // namespace

std::expected<std::unique_ptr<ContactlessPort>, std::string> open_contactless_port(std::string_view config) {
    const auto colon = config.find(':');
    const std::string_view scheme = config.substr(0, colon);
    const std::string rest{colon == std::string_view::npos ? std::string_view{} : config.substr(colon + 1)};
    if (scheme == "pcsc") return std::make_unique<PcscPort>(rest);
    if (scheme == "nfc") return std::make_unique<NfcPort>(rest);
    return std::unexpected("chip reader \"" + std::string{config} +
                           "\": expected pcsc:<reader name> or nfc:<libnfc connstring>");
}

}  // namespace hk::drivers::icao9303
