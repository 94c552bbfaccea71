#include "icao_card_session.h"

#include "drivers/icao9303/active_authentication.h"
#include "drivers/icao9303/bac.h"
#include "drivers/icao9303/card_access.h"
#include "drivers/icao9303/chip_authentication.h"
#include "drivers/icao9303/key_handles.h"
#include "drivers/icao9303/lds_files.h"
#include "drivers/icao9303/pace.h"
#include "drivers/icao9303/secure_messaging.h"
#include "drivers/icao9303/security_infos.h"

namespace hk::drivers::sim {

using iso7816::Bytes;
using iso7816::CommandApdu;
using iso7816::ResponseApdu;
namespace sw = iso7816::sw;
namespace icao = icao9303;

namespace {

ResponseApdu status(std::uint16_t status_word) {
    return ResponseApdu{{}, status_word};
}

std::unique_ptr<icao::PaceChip> make_pace_chip(const IcaoCardContents& contents, icao::RandomSource& random) {
    if (!contents.card_access) return nullptr;
    auto infos = icao::parse_card_access(*contents.card_access);
    if (!infos) return nullptr;
    auto chosen = icao::choose_pace_info(*infos);
    if (!chosen) return nullptr;
    icao::PaceChip::Config config;
    config.info = *chosen;
    if (auto mrz = icao::PacePassword::from_mrz(contents.mrz_key))
        config.passwords.push_back(std::move(*mrz));
    if (!contents.can.empty()) config.passwords.push_back(icao::PacePassword::from_can(contents.can));
    config.cam_private_key_der = contents.chip_authentication_key_der;
    return std::make_unique<icao::PaceChip>(std::move(config), random);
}

// The protocol and key id DG14 offers for chip authentication, so the chip answers what the reader will ask.
std::unique_ptr<icao::ChipAuthenticationChip> make_ca_chip(const IcaoCardContents& contents) {
    if (contents.chip_authentication_key_der.empty()) return nullptr;
    const auto dg14 = contents.application_files.find(icao::fid::kDg14);
    if (dg14 == contents.application_files.end()) return nullptr;
    auto infos = icao::parse_dg14(dg14->second);
    if (!infos || infos->chip_authentication_keys.empty()) return nullptr;
    const auto& key = infos->chip_authentication_keys.front();
    const bool ecdh = key.protocol == icao::oid::kIdPkEcdh;
    std::string protocol = std::string{ecdh ? icao::oid::kIdCaEcdh : icao::oid::kIdCaDh} + ".1";
    for (const auto& info : infos->chip_authentication) {
        if (icao::oid_under(info.protocol, ecdh ? icao::oid::kIdCaEcdh : icao::oid::kIdCaDh))
            protocol = info.protocol;
    }
    return std::make_unique<icao::ChipAuthenticationChip>(protocol, contents.chip_authentication_key_der,
                                                          key.key_id);
}

std::unique_ptr<icao::ActiveAuthenticationChip> make_aa_chip(const IcaoCardContents& contents,
                                                             const IcaoCardQuirks& quirks) {
    if (contents.active_authentication_key_der.empty()) return nullptr;
    auto key = icao::private_key_from_der(contents.active_authentication_key_der);
    if (!key) return nullptr;
    icao::ActiveAuthenticationChip::Options options;
    options.cloned = quirks.cloned_chip;
    return std::make_unique<icao::ActiveAuthenticationChip>(std::move(key), options);
}

}  // namespace

struct IcaoCardSimulator::Session::State {
    State(const IcaoCardContents& contents_in, const IcaoCardQuirks& quirks_in)
        : contents(contents_in), quirks(quirks_in) {
        if (!quirks.pace_only) {
            if (auto information = icao::mrz_information(contents.mrz_key)) {
                bac = std::make_unique<icao::BacChip>(icao::bac_key_seed(*information), random);
                wipe_bytes(information->data(), information->size());
            }
        }
        if (!quirks.bac_only) pace = make_pace_chip(contents, random);
        chip_authentication = make_ca_chip(contents);
        active_authentication = make_aa_chip(contents, quirks);
    }

    void start_secure_messaging(icao::SessionKeys keys) {
        messaging = std::make_unique<icao::ChipSecureMessaging>(std::move(keys));
    }

    const IcaoCardContents& contents;
    const IcaoCardQuirks& quirks;
    icao::SystemRandom random;
    std::unique_ptr<icao::BacChip> bac;
    std::unique_ptr<icao::PaceChip> pace;
    std::unique_ptr<icao::ChipAuthenticationChip> chip_authentication;
    std::unique_ptr<icao::ActiveAuthenticationChip> active_authentication;
    std::unique_ptr<icao::ChipSecureMessaging> messaging;
    // Chip authentication's answer still goes out under the old keys; the new ones apply from the next
    // command.
    std::optional<icao::SessionKeys> pending_keys;
};

IcaoCardSimulator::Session::Session(const IcaoCardContents& contents, const IcaoCardQuirks& quirks)
    : state(std::make_unique<State>(contents, quirks)) {}
IcaoCardSimulator::Session::~Session() = default;

bool IcaoCardSimulator::Session::secured() const {
    return state->messaging && state->messaging->active();
}

void IcaoCardSimulator::Session::close() {
    state->messaging.reset();
    state->pending_keys.reset();
}

std::expected<CommandApdu, std::uint16_t> IcaoCardSimulator::Session::unwrap_command(iso7816::ByteView raw) {
    if (!secured()) return std::unexpected(sw::kSmDataObjectsMissing);
    auto plain = state->messaging->unwrap_command(raw);
    if (!plain) close();  // §9.8.6.1: a chip drops its session keys on any secure-messaging error
    return plain;
}

Bytes IcaoCardSimulator::Session::wrap_response(const ResponseApdu& plain) {
    if (!secured()) return plain.encode();
    if (state->quirks.wrong_mac) state->messaging->corrupt_next_mac();
    Bytes wrapped = state->messaging->wrap_response(plain, !state->quirks.omit_do99);
    if (state->pending_keys) {
        state->messaging->replace_keys(std::move(*state->pending_keys));
        state->pending_keys.reset();
    }
    return wrapped;
}

ResponseApdu IcaoCardSimulator::Session::access_command(const CommandApdu& command, bool secured_command,
                                                        bool in_application) {
    if (icao::BacChip::handles(command)) {
        if (!state->bac || secured_command || !in_application) return status(sw::kInsNotSupported);
        ResponseApdu answer = state->bac->process(command);
        if (const auto& keys = state->bac->established()) {
            state->start_secure_messaging(*keys);
            state->bac->reset();
        }
        return answer;
    }
    // PACE runs unprotected in the MF; chip authentication's MSE/GENERAL AUTHENTICATE come under secure
    // messaging.
    if (!secured_command && icao::PaceChip::handles(command)) {
        if (!state->pace) return status(sw::kInsNotSupported);
        ResponseApdu answer = state->pace->process(command);
        if (const auto& keys = state->pace->established()) {
            state->start_secure_messaging(*keys);
            state->pace->reset();
        }
        return answer;
    }
    if (secured_command && icao::ChipAuthenticationChip::handles(command)) {
        if (!state->chip_authentication) return status(sw::kInsNotSupported);
        ResponseApdu answer = state->chip_authentication->process(command);
        if (auto keys = state->chip_authentication->take_established()) {
            // A cloned chip has the data but not the private key: its new keys are not the reader's.
            if (state->quirks.cloned_chip) keys->k_mac[0] ^= 0x01;
            state->pending_keys = std::move(*keys);
        }
        return answer;
    }
    if (command.ins == 0x88 && secured_command) {
        if (!state->active_authentication) return status(sw::kInsNotSupported);
        if (command.data.size() != icao::kActiveAuthenticationChallengeSize) return status(sw::kWrongData);
        auto signature = state->active_authentication->internal_authenticate(command.data);
        if (!signature) return status(sw::kNoPreciseDiagnosis);
        return ResponseApdu{std::move(*signature), sw::kOk};
    }
    return status(sw::kInsNotSupported);
}

}  // namespace hk::drivers::sim
