#include "sm_unwrap_entry.h"

#include <exception>
#include <tuple>

#include "drivers/icao9303/secure_messaging.h"

namespace hk::drivers::icao9303::fuzz {
namespace {

using iso7816::Bytes;
using iso7816::ByteView;

constexpr std::uint8_t kChipSide = 0x04;

CipherSuite suite_of(std::uint8_t mode) {
    switch (mode & 0x03) {
        case 0:
            return CipherSuite::Des3;
        case 1:
            return CipherSuite::Aes128;
        case 2:
            return CipherSuite::Aes192;
        default:
            return CipherSuite::Aes256;
    }
}

SessionKeys fixed_keys(CipherSuite suite) {
    return SessionKeys{.suite = suite,
                       .k_enc = Bytes(key_length(suite), 0x5A),
                       .k_mac = Bytes(key_length(suite), 0xA5),
                       .ssc = zero_ssc(suite)};
}

const iso7816::CommandApdu kRead{.cla = 0, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 16};

// Answers with fixed bytes and counts how often it was asked.
class FixedAnswerChannel : public iso7816::CardChannel {
  public:
    explicit FixedAnswerChannel(ByteView answer) : answer_(answer.begin(), answer.end()) {}
    std::expected<Bytes, iso7816::ChannelError> transmit_raw(ByteView command) override {
        ++calls;
        last_command.assign(command.begin(), command.end());
        return answer_;
    }
    int calls = 0;
    Bytes last_command;

  private:
    Bytes answer_;
};

std::string check_terminal(CipherSuite suite, ByteView payload) {
    FixedAnswerChannel card(payload);
    SecureMessagingChannel channel(card, fixed_keys(suite));
    const auto response = channel.transmit(kRead);
    if (!response) {
        if (payload.size() < 2)
            return "";  // not even an APDU: Malformed from the plain channel below is fine
        if (response.error().kind != iso7816::ChannelErrorKind::Malformed)
            return "error other than Malformed";
        if (channel.usable()) return "channel still usable after a secure-messaging error";
        const int calls = card.calls;
        const auto again = channel.transmit(kRead);
        if (again || again.error().kind != iso7816::ChannelErrorKind::Malformed)
            return "broken channel answered";
        if (card.calls != calls) return "broken channel sent a command";
        return "";
    }
    if (payload.size() == 2 && response->encode() != Bytes(payload.begin(), payload.end())) {
        return "bare status word changed";
    }
    if (response->data.size() > payload.size()) return "plain data longer than the protected response";
    return "";
}

std::string check_chip(CipherSuite suite, ByteView payload) {
    ChipSecureMessaging chip(fixed_keys(suite));
    const auto command = chip.unwrap_command(payload);
    if (!command) {
        if (command.error() != 0x6987 && command.error() != 0x6988) return "status other than 6987/6988";
        if (chip.active()) return "chip session still active after an error";
        return "";
    }
    if (!command->encode()) return "unwrapped command does not encode";
    if ((command->cla & 0x0C) != 0) return "secure-messaging bits left in CLA";
    // The answer must wrap without trouble too.
    const Bytes wrapped = chip.wrap_response({.data = command->data, .sw = 0x9000});
    if (wrapped.size() < 12) return "wrapped response lacks DO8E";
    return "";
}

}  // namespace

std::string check_sm_input(ByteView input) {
    if (input.empty()) return "";
    try {
        const std::uint8_t mode = input[0];
        const ByteView payload = input.subspan(1);
        return (mode & kChipSide) != 0 ? check_chip(suite_of(mode), payload)
                                       : check_terminal(suite_of(mode), payload);
    } catch (const std::exception& error) {
        return std::string{"exception: "} + error.what();
    }
}

bool sm_input_accepted(ByteView input) {
    if (input.empty()) return false;
    const CipherSuite suite = suite_of(input[0]);
    if ((input[0] & kChipSide) != 0) {
        ChipSecureMessaging chip(fixed_keys(suite));
        return chip.unwrap_command(input.subspan(1)).has_value();
    }
    FixedAnswerChannel card(input.subspan(1));
    SecureMessagingChannel channel(card, fixed_keys(suite));
    return channel.transmit(kRead).has_value();
}

std::vector<Bytes> sm_seeds() {
    std::vector<Bytes> seeds;
    const std::vector<iso7816::CommandApdu> commands{
        kRead,
        {.cla = 0, .ins = 0xA4, .p1 = 2, .p2 = 0x0C, .data = {0x01, 0x1E}, .ne = {}},
        {.cla = 0, .ins = 0xB1, .p1 = 0, .p2 = 0, .data = {0x54, 0x02, 0x01, 0x00}, .ne = 256},
        {.cla = 0, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 1000},
        {.cla = 0x10, .ins = 0x86, .p1 = 0, .p2 = 0, .data = Bytes(40, 0x33), .ne = 256},
    };
    for (std::uint8_t suite_bits = 0; suite_bits < 4; ++suite_bits) {
        const CipherSuite suite = suite_of(suite_bits);
        // Chip side: protected commands as our terminal sends them.
        for (const iso7816::CommandApdu& command : commands) {
            FixedAnswerChannel card(Bytes{0x90, 0x00});
            SecureMessagingChannel channel(card, fixed_keys(suite));
            std::ignore = channel.transmit(command);
            Bytes seed{static_cast<std::uint8_t>(suite_bits | kChipSide)};
            seed.insert(seed.end(), card.last_command.begin(), card.last_command.end());
            seeds.push_back(std::move(seed));
        }
        // Terminal side: the chip's answers to kRead (its SSC after the command, as the terminal expects).
        for (int variant = 0; variant < 4; ++variant) {
            ChipSecureMessaging chip(fixed_keys(suite));
            FixedAnswerChannel probe(Bytes{0x90, 0x00});
            SecureMessagingChannel terminal(probe, fixed_keys(suite));
            std::ignore = terminal.transmit(kRead);
            std::ignore = chip.unwrap_command(probe.last_command);
            Bytes answer;
            switch (variant) {
                case 0:
                    answer = chip.wrap_response({.data = Bytes(16, 0x42), .sw = 0x9000});
                    break;
                case 1:
                    answer = chip.wrap_response({.data = Bytes(5, 0x17), .sw = 0x6282}, false);
                    break;
                case 2:
                    answer = chip.wrap_response({.data = {}, .sw = 0x6A82});
                    break;
                default:
                    answer = {0x69, 0x82};
                    break;
            }
            Bytes seed{suite_bits};
            seed.insert(seed.end(), answer.begin(), answer.end());
            seeds.push_back(std::move(seed));
        }
    }
    return seeds;
}

}  // namespace hk::drivers::icao9303::fuzz
