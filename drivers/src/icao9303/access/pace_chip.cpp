// Chip side of PACE (Doc 9303-11 §4.4), for the card simulators: generic mapping and chip authentication
// mapping on the standardized domain parameters.
#include <openssl/bn.h>

#include <utility>

#include "drivers/icao9303/pace.h"
#include "drivers/iso7816/ber_tlv.h"
#include "key_agreement_internal.h"
#include "pace_messages.h"
#include "session_crypto.h"

namespace hk::drivers::icao9303 {

using iso7816::ResponseApdu;
namespace sw = iso7816::sw;

struct PaceChip::State {
    int next_step = 0;  // 0: waiting for MSE:Set AT; 1-4: the GENERAL AUTHENTICATE step expected
    const PacePassword* password = nullptr;
    std::unique_ptr<detail::KeyAgreementDomain> domain;
    std::unique_ptr<detail::KeyAgreementDomain> mapped;
    Bytes nonce;
    detail::Bignum mapping_key;
    Bytes terminal_public;
    Bytes chip_public;
    SessionKeys keys;

    ~State() {
        iso7816::wipe(nonce);
        keys.wipe();
    }
};

PaceChip::PaceChip(Config config, RandomSource& random) : config_(std::move(config)), random_(random) {}

PaceChip::~PaceChip() {
    if (established_) established_->wipe();
    iso7816::wipe(config_.cam_private_key_der);
}

bool PaceChip::handles(const iso7816::CommandApdu& command) {
    return (command.ins == 0x22 && command.p1 == 0xC1 && command.p2 == 0xA4) || command.ins == 0x86;
}

void PaceChip::reset() {
    state_.reset();
    if (established_) established_->wipe();
    established_.reset();
}

ResponseApdu PaceChip::process(const iso7816::CommandApdu& command) {
    const auto refuse = [this](std::uint16_t status) {
        state_.reset();
        return ResponseApdu{.data = {}, .sw = status};
    };
    if (command.ins == 0x22) {
        reset();
        const auto objects = iso7816::parse_tlv_sequence(command.data);
        if (!objects) return refuse(sw::kWrongData);
        auto state = std::make_unique<State>();
        bool protocol_matches = false;
        for (const iso7816::Tlv& object : *objects) {
            if (object.tag == 0x80) {
                protocol_matches = decode_oid(object.value) == config_.info.protocol_oid;
            } else if (object.tag == 0x83 && object.value.size() == 1) {
                for (const PacePassword& password : config_.passwords) {
                    if (password.reference() == object.value[0]) state->password = &password;
                }
            } else if (object.tag == 0x84) {
                if (object.value.size() != 1 || config_.info.parameter_id != object.value[0]) {
                    return refuse(sw::kWrongData);
                }
            }
        }
        if (!protocol_matches || state->password == nullptr || !config_.info.parameter_id) {
            return refuse(sw::kWrongData);
        }
        state->domain = detail::standardized_domain(*config_.info.parameter_id);
        if (!state->domain) return refuse(sw::kWrongData);
        state->next_step = 1;
        state_ = std::move(state);
        return {.data = {}, .sw = sw::kOk};
    }
    if (command.ins != 0x86) return {.data = {}, .sw = sw::kInsNotSupported};
    if (!state_ || state_->next_step == 0) return refuse(sw::kConditionsNotSatisfied);
    State& state = *state_;
    const bool chained = (command.cla & 0x10) != 0;
    if (chained != (state.next_step < 4)) return refuse(sw::kSmWrongLength);
    const CipherSuite suite = config_.info.protocol.suite;

    switch (state.next_step) {
        case 1: {
            if (command.data != Bytes{0x7C, 0x00}) return refuse(sw::kWrongData);
            state.nonce = random_.bytes(block_length(suite));
            Bytes k_pi = state.password->derive_key(suite);
            const Bytes encrypted = detail::encrypt_nonce(suite, k_pi, state.nonce);
            iso7816::wipe(k_pi);
            state.next_step = 2;
            return {.data = detail::dynamic_authentication_data(0x80, encrypted), .sw = sw::kOk};
        }
        case 2: {
            const auto terminal_mapping = detail::dynamic_object(command.data, 0x81);
            if (!terminal_mapping) return refuse(sw::kWrongData);
            state.mapping_key = state.domain->generate_private_key(random_);
            if (!state.mapping_key) return refuse(sw::kNoPreciseDiagnosis);
            const Bytes mapping_public = state.domain->public_key(*state.mapping_key);
            state.mapped = state.domain->generic_mapping(state.nonce, *state.mapping_key, *terminal_mapping);
            if (!state.mapped) return refuse(sw::kWrongData);
            state.next_step = 3;
            return {.data = detail::dynamic_authentication_data(0x82, mapping_public), .sw = sw::kOk};
        }
        case 3: {
            const auto terminal_public = detail::dynamic_object(command.data, 0x83);
            if (!terminal_public) return refuse(sw::kWrongData);
            const detail::Bignum key = state.mapped->generate_private_key(random_);
            if (!key) return refuse(sw::kNoPreciseDiagnosis);
            state.chip_public = state.mapped->public_key(*key);
            if (*terminal_public == state.chip_public) return refuse(sw::kWrongData);
            auto shared = state.mapped->shared_secret(*key, *terminal_public);
            if (!shared) return refuse(sw::kWrongData);
            state.keys = detail::session_keys_from_secret(suite, *shared);
            iso7816::wipe(*shared);
            state.terminal_public = *terminal_public;
            state.next_step = 4;
            return {.data = detail::dynamic_authentication_data(0x84, state.chip_public), .sw = sw::kOk};
        }
        case 4: {
            const auto token = detail::dynamic_object(command.data, 0x85);
            const bool ec = state.mapped->is_ec();
            const Bytes expected =
                detail::authentication_token(config_.info, ec, state.keys.k_mac, state.chip_public);
            // A wrong password gives the terminal another nonce, hence other keys: its token fails here.
            if (!token || !detail::equal_secret(*token, expected)) return refuse(sw::kAuthenticationFailed);
            const Bytes our_token =
                detail::authentication_token(config_.info, ec, state.keys.k_mac, state.terminal_public);
            Bytes data = detail::dynamic_authentication_data(0x86, our_token);
            if (config_.info.protocol.mapping == PaceMapping::ChipAuthentication) {
                // CA_IC = SK_IC^-1 · SK_Map,IC mod n (§4.4.3.5.1), as long as the order.
                auto static_key = detail::parse_private_key(config_.cam_private_key_der);
                if (!static_key) return refuse(sw::kNoPreciseDiagnosis);
                const detail::Bignum inverse{BN_new()};
                const detail::Bignum product{BN_new()};
                const detail::BnContext context{BN_CTX_new()};
                const BIGNUM& order = state.domain->order();
                if (!inverse || !product || !context ||
                    BN_mod_inverse(inverse.get(), static_key->private_key.get(), &order, context.get()) ==
                        nullptr ||
                    BN_mod_mul(product.get(), inverse.get(), state.mapping_key.get(), &order,
                               context.get()) != 1) {
                    return refuse(sw::kNoPreciseDiagnosis);
                }
                Bytes ca_ic = detail::bignum_to_bytes(*product, state.domain->order_length());
                const Bytes encrypted = detail::encrypt_chip_authentication_data(state.keys, ca_ic);
                iso7816::wipe(ca_ic);
                data = detail::dynamic_authentication_data(0x86, our_token, 0x8A, encrypted);
            }
            established_ = state.keys;
            state_.reset();
            return {.data = std::move(data), .sw = sw::kOk};
        }
        default:
            return refuse(sw::kConditionsNotSatisfied);
    }
}

}  // namespace hk::drivers::icao9303
