// Terminal side of PACE (Doc 9303-11 §4.4.3, §4.4.4).
#include <utility>

#include "drivers/icao9303/pace.h"
#include "exchange.h"
#include "pace_messages.h"
#include "session_crypto.h"

namespace hk::drivers::icao9303 {
namespace {

using detail::protocol_failure;

iso7816::CommandApdu general_authenticate(Bytes data, bool last) {
    // Command chaining (CLA 10) for every step but the last (§4.4.4.2).
    return iso7816::CommandApdu{.cla = static_cast<std::uint8_t>(last ? 0x00 : 0x10),
                                .ins = 0x86,
                                .p1 = 0x00,
                                .p2 = 0x00,
                                .data = std::move(data),
                                .ne = iso7816::kShortMaxNe};
}

// One GENERAL AUTHENTICATE step: sends `tag value` and returns the chip's `answer_tag` object.
std::expected<Bytes, AccessError> step(iso7816::CardChannel& channel, std::string_view name, Bytes data,
                                       bool last, std::uint32_t answer_tag) {
    auto response = detail::exchange(channel, general_authenticate(std::move(data), last), name);
    if (!response) return std::unexpected(std::move(response.error()));
    auto object = detail::dynamic_object(response->data, answer_tag);
    if (!object)
        return std::unexpected(protocol_failure(name, "answer lacks its dynamic authentication object"));
    return std::move(*object);
}

}  // namespace

std::expected<PaceResult, AccessError> perform_pace(iso7816::CardChannel& channel,
                                                    const PacePassword& password, const PaceInfo& info,
                                                    RandomSource& random) {
    const PaceProtocol& protocol = info.protocol;
    if (protocol.mapping == PaceMapping::Integrated) {
        return std::unexpected(detail::unsupported("PACE integrated mapping is not implemented"));
    }
    if (!info.parameter_id) {
        return std::unexpected(detail::unsupported("PACE with proprietary domain parameters"));
    }
    const auto domain = detail::standardized_domain(*info.parameter_id);
    if (!domain || domain->is_ec() != (protocol.agreement == PaceKeyAgreement::Ecdh)) {
        return std::unexpected(detail::unsupported(
            "PACE domain parameter id " + std::to_string(*info.parameter_id) + " with " + info.protocol_oid));
    }
    const auto set_at_data = detail::pace_set_at_data(info, password.reference());
    if (!set_at_data) return std::unexpected(protocol_failure("MSE:Set AT", "protocol OID is not valid"));

    // Step 0: select the protocol, the password and the parameters.
    const iso7816::CommandApdu set_at{
        .cla = 0x00, .ins = 0x22, .p1 = 0xC1, .p2 = 0xA4, .data = *set_at_data, .ne = {}};
    if (auto selected = detail::exchange(channel, set_at, "MSE:Set AT"); !selected) {
        return std::unexpected(std::move(selected.error()));
    }

    // Step 1: the chip's nonce s, encrypted under Kπ.
    auto encrypted_nonce = step(channel, "GENERAL AUTHENTICATE (nonce)", Bytes{0x7C, 0x00}, false, 0x80);
    if (!encrypted_nonce) return std::unexpected(std::move(encrypted_nonce.error()));
    Bytes k_pi = password.derive_key(protocol.suite);
    Bytes nonce = detail::decrypt_nonce(protocol.suite, k_pi, *encrypted_nonce);
    iso7816::wipe(k_pi);
    if (nonce.empty())
        return std::unexpected(protocol_failure("GENERAL AUTHENTICATE (nonce)", "nonce is not whole blocks"));

    // Step 2: generic mapping to new domain parameters.
    const detail::Bignum mapping_key = domain->generate_private_key(random);
    if (!mapping_key) return std::unexpected(protocol_failure("PACE", "no mapping key"));
    const Bytes mapping_public = domain->public_key(*mapping_key);
    auto chip_mapping_public = step(channel, "GENERAL AUTHENTICATE (mapping)",
                                    detail::dynamic_authentication_data(0x81, mapping_public), false, 0x82);
    if (!chip_mapping_public) {
        iso7816::wipe(nonce);
        return std::unexpected(std::move(chip_mapping_public.error()));
    }
    const auto mapped = domain->generic_mapping(nonce, *mapping_key, *chip_mapping_public);
    iso7816::wipe(nonce);
    if (!mapped) {
        return std::unexpected(
            protocol_failure("GENERAL AUTHENTICATE (mapping)", "chip mapping key is not valid"));
    }

    // Step 3: anonymous key agreement on the mapped parameters.
    const detail::Bignum ephemeral_key = mapped->generate_private_key(random);
    if (!ephemeral_key) return std::unexpected(protocol_failure("PACE", "no ephemeral key"));
    const Bytes ephemeral_public = mapped->public_key(*ephemeral_key);
    auto chip_public = step(channel, "GENERAL AUTHENTICATE (key agreement)",
                            detail::dynamic_authentication_data(0x83, ephemeral_public), false, 0x84);
    if (!chip_public) return std::unexpected(std::move(chip_public.error()));
    // §4.4.3.4: the two ephemeral public keys must differ (a reflected key would mean an active attacker).
    if (*chip_public == ephemeral_public) {
        return std::unexpected(
            protocol_failure("GENERAL AUTHENTICATE (key agreement)", "chip echoed our key"));
    }
    auto shared = mapped->shared_secret(*ephemeral_key, *chip_public);
    if (!shared) {
        return std::unexpected(
            protocol_failure("GENERAL AUTHENTICATE (key agreement)", "chip key is not valid"));
    }
    PaceResult result{.keys = detail::session_keys_from_secret(protocol.suite, *shared),
                      .info = info,
                      .chip_public_key = *chip_public,
                      .chip_mapping_public_key = *chip_mapping_public,
                      .chip_authentication_data = {}};
    iso7816::wipe(*shared);

    // Step 4: mutual authentication with tokens over the other side's key.
    const bool ec = mapped->is_ec();
    const Bytes our_token = detail::authentication_token(info, ec, result.keys.k_mac, *chip_public);
    auto response = detail::exchange(
        channel, general_authenticate(detail::dynamic_authentication_data(0x85, our_token), true),
        "GENERAL AUTHENTICATE (token)");
    const auto fail = [&result](AccessError error) {
        result.wipe();
        return std::unexpected(std::move(error));
    };
    if (!response) return fail(std::move(response.error()));
    const auto chip_token = detail::dynamic_object(response->data, 0x86);
    const Bytes expected_token = detail::authentication_token(info, ec, result.keys.k_mac, ephemeral_public);
    if (!chip_token || !detail::equal_secret(*chip_token, expected_token)) {
        // The chip accepted our token, so the password was right: its own token failing is not a password
        // problem but a chip (or a man in the middle) that does not hold the session keys.
        return fail(protocol_failure("GENERAL AUTHENTICATE (token)", "chip token does not verify"));
    }
    if (protocol.mapping == PaceMapping::ChipAuthentication) {
        const auto encrypted = detail::dynamic_object(response->data, 0x8A);
        if (!encrypted) return fail(protocol_failure("GENERAL AUTHENTICATE (token)", "CAM data missing"));
        auto data = detail::decrypt_chip_authentication_data(result.keys, *encrypted);
        if (!data) return fail(protocol_failure("GENERAL AUTHENTICATE (token)", "CAM data does not decrypt"));
        result.chip_authentication_data = std::move(*data);
    }
    return result;
}

}  // namespace hk::drivers::icao9303
