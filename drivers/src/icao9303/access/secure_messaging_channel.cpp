// Terminal side of secure messaging (Doc 9303-11 §9.8).
#include <utility>

#include "drivers/icao9303/secure_messaging.h"
#include "drivers/iso7816/ber_tlv.h"
#include "session_crypto.h"
#include "sm_objects.h"

namespace hk::drivers::icao9303 {
namespace {

using iso7816::ChannelError;
using iso7816::ChannelErrorKind;

// DO97 carries Le in the plain command's own form: one byte (00 = 256) or, for an extended command, two
// (0000 = 65536).
Bytes encode_le(std::size_t ne, bool extended) {
    if (extended) {
        const std::size_t value = ne == iso7816::kExtendedMaxNe ? 0 : ne;
        return {static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value & 0xFF)};
    }
    return {static_cast<std::uint8_t>(ne == iso7816::kShortMaxNe ? 0 : ne)};
}

}  // namespace

SecureMessagingChannel::SecureMessagingChannel(iso7816::CardChannel& inner, SessionKeys keys)
    : inner_(inner), keys_(std::move(keys)) {}

SecureMessagingChannel::~SecureMessagingChannel() {
    keys_.wipe();
}

bool SecureMessagingChannel::supports_extended_length() const {
    return inner_.supports_extended_length();
}

void SecureMessagingChannel::replace_keys(SessionKeys keys) {
    keys_.wipe();
    keys_ = std::move(keys);
    usable_ = true;
}

std::expected<Bytes, ChannelError> SecureMessagingChannel::fail(std::string detail) {
    // The chip drops its keys on any secure-messaging error (§9.8.6.1); ours go too.
    usable_ = false;
    keys_.wipe();
    return std::unexpected(ChannelError{ChannelErrorKind::Malformed, std::move(detail)});
}

std::expected<Bytes, ChannelError> SecureMessagingChannel::transmit_raw(ByteView command) {
    if (!usable_) {
        return std::unexpected(
            ChannelError{ChannelErrorKind::Malformed, "secure messaging session ended by an earlier error"});
    }
    const auto plain = iso7816::decode_command(command);
    if (!plain) return std::unexpected(ChannelError{ChannelErrorKind::Transport, "command is not an APDU"});
    const std::size_t block = block_length(keys_.suite);
    const bool plain_extended = plain->needs_extended_length();

    detail::increment_ssc(keys_.ssc);
    Bytes objects;
    if (!plain->data.empty()) {
        const Bytes padded = pad_iso9797_m2(plain->data, block);
        const Bytes cryptogram = detail::session_encrypt(keys_, padded);
        if (cryptogram.empty()) return fail("secure messaging encryption failed");
        const bool odd = (plain->ins & 0x01) != 0;
        objects = detail::encode_cryptogram_object(cryptogram, odd);
    }
    if (plain->ne) {
        const Bytes le = iso7816::encode_tlv(0x97, encode_le(*plain->ne, plain_extended));
        objects.insert(objects.end(), le.begin(), le.end());
    }
    const auto cla = static_cast<std::uint8_t>(plain->cla | 0x0C);
    const Bytes header{cla, plain->ins, plain->p1, plain->p2};
    Bytes mac_input = keys_.ssc;
    const Bytes padded_header = pad_iso9797_m2(header, block);
    mac_input.insert(mac_input.end(), padded_header.begin(), padded_header.end());
    mac_input.insert(mac_input.end(), objects.begin(), objects.end());
    const Bytes mac = detail::session_mac(keys_.suite, keys_.k_mac, mac_input);
    const Bytes mac_object = iso7816::encode_tlv(0x8E, mac);
    objects.insert(objects.end(), mac_object.begin(), mac_object.end());

    // The protected response holds at least DO8E, so Le' is always there: 00, or 0000 when extended.
    const bool extended = plain_extended || objects.size() > iso7816::kShortMaxNc;
    iso7816::CommandApdu wrapped{.cla = cla,
                                 .ins = plain->ins,
                                 .p1 = plain->p1,
                                 .p2 = plain->p2,
                                 .data = std::move(objects),
                                 .ne = extended ? iso7816::kExtendedMaxNe : iso7816::kShortMaxNe};
    auto response = inner_.transmit(wrapped);
    if (!response) {
        // Whether the chip counted this command is unknown now, so the counters can no longer agree.
        usable_ = false;
        keys_.wipe();
        return std::unexpected(response.error());
    }

    // A bare status word: the chip answered without secure messaging (an error such as 6982 / 6987 / 6988,
    // after which it has left the session). Passed on for the caller to read.
    if (response->data.empty()) return response->encode();

    detail::increment_ssc(keys_.ssc);
    const auto parsed = detail::parse_sm_objects(response->data, block);
    if (!parsed) return fail("malformed secure messaging objects in the response");
    if (!parsed->mac) return fail("response without DO8E");
    Bytes response_mac_input = keys_.ssc;
    response_mac_input.insert(response_mac_input.end(), parsed->mac_input.begin(), parsed->mac_input.end());
    const Bytes expected_mac = detail::session_mac(keys_.suite, keys_.k_mac, response_mac_input);
    if (!detail::equal_secret(expected_mac, *parsed->mac)) return fail("response MAC does not verify");

    Bytes out;
    if (parsed->cryptogram) {
        Bytes padded = detail::session_decrypt(keys_, *parsed->cryptogram);
        auto unpadded = unpad_iso9797_m2(padded);
        iso7816::wipe(padded);
        if (!unpadded) return fail("response cryptogram padding is wrong");
        out = std::move(*unpadded);
    }
    // Some chips leave DO99 out; the clear status word then stands (9303-11 §9.8.6 makes DO99 conditional).
    const std::uint16_t status = parsed->status.value_or(response->sw);
    out.push_back(static_cast<std::uint8_t>(status >> 8));
    out.push_back(static_cast<std::uint8_t>(status & 0xFF));
    return out;
}

}  // namespace hk::drivers::icao9303
