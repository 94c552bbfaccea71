// One PC/SC reader, chosen by name, as the chip reader's worker thread uses it: wait for a card, connect,
// exchange APDUs through the returned channel. The port owns its SCARDCONTEXT; after ReaderGone (reader
// unplugged, pcscd stopped or restarted) it establishes a new one on the next call, so a re-plugged reader
// or a restarted pcscd recovers without restarting the kiosk. Used from one thread.
#pragma once

#include <chrono>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/iso7816/card_channel.h"
#include "drivers/transports/pcsc_channel.h"

namespace hk::drivers::transports {

enum class PcscShareMode : std::uint8_t { Exclusive, Shared };

// The reader `selector` names among `readers`: an exact name, else the first that starts with it, else the
// first that contains it ("Virtual PCD 00 00", "ACS ACR122"); an empty selector takes the first reader.
std::optional<std::string> match_reader(const std::vector<std::string>& readers, std::string_view selector);

class PcscReaderPort {
  public:
    explicit PcscReaderPort(std::string reader_selector, PcscShareMode share = PcscShareMode::Exclusive);
    ~PcscReaderPort();
    PcscReaderPort(const PcscReaderPort&) = delete;
    PcscReaderPort& operator=(const PcscReaderPort&) = delete;

    // Every reader pcscd knows, for technicians. An empty list is not an error.
    std::expected<std::vector<std::string>, iso7816::ChannelError> list_readers();

    // True once a card is in the reader, false when none came within `timeout`. ReaderGone when the reader
    // is missing at the end of the wait, disappears during it, or pcscd goes away.
    std::expected<bool, iso7816::ChannelError> wait_for_card(std::chrono::milliseconds timeout);

    // Connects to the card in the reader (T=1 or T=0).
    std::expected<std::unique_ptr<PcscChannel>, iso7816::ChannelError> connect();

    // The reader the selector resolved to at the last call; empty before one was found.
    [[nodiscard]] const std::string& reader_name() const { return reader_; }

  private:
    std::expected<std::shared_ptr<PcscContext>, iso7816::ChannelError> context();
    // Drops the context after ReaderGone so the next call starts afresh, and passes the error on.
    iso7816::ChannelError forget_context_if_gone(iso7816::ChannelError error);
    std::expected<std::optional<std::string>, iso7816::ChannelError> resolve_reader();

    std::string selector_;
    PcscShareMode share_;
    std::shared_ptr<PcscContext> context_;
    std::string reader_;
};

}  // namespace hk::drivers::transports
