// Private to the PC/SC transport: an SCARDCONTEXT owned by one reader port and shared with the channels it
// opened (a channel's card handle is only valid while its context lives), and the mapping of PC/SC return
// codes onto ChannelErrorKind.
#pragma once

#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#include <expected>
#include <memory>
#include <string_view>

#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::transports {

class PcscContext {
  public:
    static std::expected<std::shared_ptr<PcscContext>, iso7816::ChannelError> establish();
    ~PcscContext();
    PcscContext(const PcscContext&) = delete;
    PcscContext& operator=(const PcscContext&) = delete;

    [[nodiscard]] SCARDCONTEXT handle() const { return handle_; }

  private:
    explicit PcscContext(SCARDCONTEXT handle) : handle_(handle) {}
    SCARDCONTEXT handle_;
};

// CardRemoved, ReaderGone, Timeout or Transport for a PC/SC return code.
iso7816::ChannelErrorKind pcsc_error_kind(LONG result);
// "<what>: <pcsc_stringify_error>" with the kind above; never card data.
iso7816::ChannelError pcsc_error(LONG result, std::string_view what);

}  // namespace hk::drivers::transports
