// A card channel that expects exact command bytes and plays back fixed answers: for the published vectors,
// which fix every byte on the wire.
#pragma once

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <utility>

#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::icao9303::test {

class ScriptedChannel : public iso7816::CardChannel {
  public:
    // Both in hex; an empty `command` accepts anything.
    void expect(std::string command, std::string response) {
        script_.emplace_back(std::move(command), std::move(response));
    }
    std::expected<iso7816::Bytes, iso7816::ChannelError> transmit_raw(iso7816::ByteView command) override {
        if (script_.empty()) {
            ADD_FAILURE() << "unexpected command " << iso7816::to_hex(command);
            return std::unexpected(
                iso7816::ChannelError{iso7816::ChannelErrorKind::CardRemoved, "script ended"});
        }
        auto [expected, response] = std::move(script_.front());
        script_.pop_front();
        if (!expected.empty()) {
            EXPECT_EQ(iso7816::to_hex(command), iso7816::to_hex(*iso7816::from_hex(expected)));
        }
        return *iso7816::from_hex(response);
    }
    [[nodiscard]] bool done() const { return script_.empty(); }

  private:
    std::deque<std::pair<std::string, std::string>> script_;
};

inline iso7816::Bytes hex(std::string_view text) {
    auto bytes = iso7816::from_hex(text);
    if (!bytes) ADD_FAILURE() << "bad hex in test: " << text;
    return bytes.value_or(iso7816::Bytes{});
}

}  // namespace hk::drivers::icao9303::test
