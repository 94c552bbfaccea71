// Terminal side of chip authentication (Doc 9303-11 §6.2).
#include <utility>

#include "drivers/icao9303/card_access.h"
#include "drivers/icao9303/chip_authentication.h"
#include "drivers/iso7816/ber_tlv.h"
#include "exchange.h"
#include "key_agreement.h"
#include "pace_messages.h"

namespace hk::drivers::icao9303 {

std::optional<ChipAuthenticationProtocol> chip_authentication_protocol_from_oid(std::string_view dotted_oid) {
    constexpr std::string_view kIdCa = "0.4.0.127.0.7.2.2.3.";
    if (!dotted_oid.starts_with(kIdCa)) return std::nullopt;
    const std::string_view rest = dotted_oid.substr(kIdCa.size());
    if (rest.size() != 3 || rest[1] != '.' || (rest[0] != '1' && rest[0] != '2')) return std::nullopt;
    ChipAuthenticationProtocol protocol{.ecdh = rest[0] == '2', .suite = CipherSuite::Des3};
    switch (rest[2]) {
        case '1':
            protocol.suite = CipherSuite::Des3;
            break;
        case '2':
            protocol.suite = CipherSuite::Aes128;
            break;
        case '3':
            protocol.suite = CipherSuite::Aes192;
            break;
        case '4':
            protocol.suite = CipherSuite::Aes256;
            break;
        default:
            return std::nullopt;
    }
    return protocol;
}

std::expected<void, AccessError> perform_chip_authentication(SecureMessagingChannel& channel,
                                                             const ChipAuthenticationKey& key,
                                                             RandomSource& random) {
    const auto protocol = chip_authentication_protocol_from_oid(key.protocol_oid);
    if (!protocol)
        return std::unexpected(detail::unsupported("chip authentication protocol " + key.protocol_oid));
    const auto static_key = detail::parse_subject_public_key_info(key.subject_public_key_info);
    if (!static_key || static_key->domain->is_ec() != protocol->ecdh) {
        return std::unexpected(
            detail::unsupported("DG14 chip authentication key does not fit " + key.protocol_oid));
    }
    const detail::Bignum ephemeral = static_key->domain->generate_private_key(random);
    if (!ephemeral)
        return std::unexpected(detail::protocol_failure("chip authentication", "no ephemeral key"));
    const Bytes ephemeral_public = static_key->domain->public_key(*ephemeral);
    auto shared = static_key->domain->shared_secret(*ephemeral, static_key->public_key);
    if (!shared)
        return std::unexpected(detail::protocol_failure("chip authentication", "key agreement failed"));
    SessionKeys keys = detail::session_keys_from_secret(protocol->suite, *shared);
    iso7816::wipe(*shared);
    const auto fail = [&keys](AccessError error) {
        keys.wipe();
        return std::unexpected(std::move(error));
    };
    const Bytes key_id = key.key_id ? iso7816::encode_tlv(0x84, *key.key_id) : Bytes{};

    if (protocol->suite == CipherSuite::Des3) {
        // §6.2.4.1: MSE:Set KAT carries the ephemeral key itself.
        Bytes data = iso7816::encode_tlv(0x91, ephemeral_public);
        data.insert(data.end(), key_id.begin(), key_id.end());
        const iso7816::CommandApdu set_kat{
            .cla = 0x00, .ins = 0x22, .p1 = 0x41, .p2 = 0xA6, .data = std::move(data), .ne = {}};
        if (auto answer = detail::exchange(channel, set_kat, "MSE:Set KAT"); !answer) {
            return fail(std::move(answer.error()));
        }
    } else {
        // §6.2.4.2: MSE:Set AT selects the protocol (and key), GENERAL AUTHENTICATE sends the key.
        const auto oid = encode_oid(key.protocol_oid);
        Bytes data = iso7816::encode_tlv(0x80, *oid);
        data.insert(data.end(), key_id.begin(), key_id.end());
        const iso7816::CommandApdu set_at{
            .cla = 0x00, .ins = 0x22, .p1 = 0x41, .p2 = 0xA4, .data = std::move(data), .ne = {}};
        if (auto answer = detail::exchange(channel, set_at, "MSE:Set AT (CA)"); !answer) {
            return fail(std::move(answer.error()));
        }
        const iso7816::CommandApdu authenticate{
            .cla = 0x00,
            .ins = 0x86,
            .p1 = 0x00,
            .p2 = 0x00,
            .data = detail::dynamic_authentication_data(0x80, ephemeral_public),
            .ne = iso7816::kShortMaxNe};
        auto answer = detail::exchange(channel, authenticate, "GENERAL AUTHENTICATE (CA)");
        if (!answer) return fail(std::move(answer.error()));
        if (!answer->data.empty() && answer->data[0] != 0x7C) {
            return fail(detail::protocol_failure("GENERAL AUTHENTICATE (CA)",
                                                 "answer is not dynamic authentication data"));
        }
    }
    // The answer above came under the old keys; from here on both sides use the new ones.
    channel.replace_keys(std::move(keys));
    return {};
}

}  // namespace hk::drivers::icao9303
