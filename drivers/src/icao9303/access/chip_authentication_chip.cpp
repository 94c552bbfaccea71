// Chip side of chip authentication (Doc 9303-11 §6.2), for the card simulators.
#include <utility>

#include "drivers/icao9303/card_access.h"
#include "drivers/icao9303/chip_authentication.h"
#include "drivers/iso7816/ber_tlv.h"
#include "key_agreement.h"
#include "pace_messages.h"

namespace hk::drivers::icao9303 {

using iso7816::ResponseApdu;
namespace sw = iso7816::sw;

ChipAuthenticationChip::ChipAuthenticationChip(std::string protocol_oid, ByteView private_key_der,
                                               std::optional<Bytes> key_id)
    : protocol_oid_(std::move(protocol_oid)),
      private_key_der_(private_key_der.begin(), private_key_der.end()),
      key_id_(std::move(key_id)),
      protocol_(chip_authentication_protocol_from_oid(protocol_oid_)) {}

ChipAuthenticationChip::~ChipAuthenticationChip() {
    iso7816::wipe(private_key_der_);
    if (established_) established_->wipe();
}

bool ChipAuthenticationChip::valid() const {
    if (!protocol_) return false;
    const auto key = detail::parse_private_key(private_key_der_);
    return key && key->domain->is_ec() == protocol_->ecdh;
}

bool ChipAuthenticationChip::handles(const iso7816::CommandApdu& command) {
    return (command.ins == 0x22 && command.p1 == 0x41 && (command.p2 == 0xA6 || command.p2 == 0xA4)) ||
           command.ins == 0x86;
}

std::optional<SessionKeys> ChipAuthenticationChip::take_established() {
    std::optional<SessionKeys> keys = std::move(established_);
    established_.reset();
    return keys;
}

ResponseApdu ChipAuthenticationChip::agree(ByteView ephemeral_public) {
    selected_ = false;
    auto key = detail::parse_private_key(private_key_der_);
    if (!key || !protocol_ || key->domain->is_ec() != protocol_->ecdh)
        return {.data = {}, .sw = sw::kWrongData};
    auto shared = key->domain->shared_secret(*key->private_key, ephemeral_public);
    if (!shared) return {.data = {}, .sw = sw::kWrongData};
    established_ = detail::session_keys_from_secret(protocol_->suite, *shared);
    iso7816::wipe(*shared);
    return {.data = {}, .sw = sw::kOk};
}

ResponseApdu ChipAuthenticationChip::process(const iso7816::CommandApdu& command) {
    const auto objects = iso7816::parse_tlv_sequence(command.data);
    const auto find = [&objects](std::uint32_t tag) -> std::optional<ByteView> {
        if (!objects) return std::nullopt;
        for (const iso7816::Tlv& object : *objects) {
            if (object.tag == tag) return object.value;
        }
        return std::nullopt;
    };
    const auto key_id_matches = [&]() {
        const auto given = find(0x84);
        if (!given) return true;
        return key_id_ && Bytes(given->begin(), given->end()) == *key_id_;
    };
    if (command.ins == 0x22 && command.p2 == 0xA6) {  // MSE:Set KAT
        const auto ephemeral = find(0x91);
        if (!ephemeral || !key_id_matches()) return {.data = {}, .sw = sw::kWrongData};
        return agree(*ephemeral);
    }
    if (command.ins == 0x22) {  // MSE:Set AT for CA
        const auto oid = find(0x80);
        if (!oid || decode_oid(*oid) != protocol_oid_ || !key_id_matches()) {
            selected_ = false;
            return {.data = {}, .sw = sw::kWrongData};
        }
        selected_ = true;
        return {.data = {}, .sw = sw::kOk};
    }
    if (command.ins == 0x86) {
        if (!selected_) return {.data = {}, .sw = sw::kConditionsNotSatisfied};
        const auto ephemeral = detail::dynamic_object(command.data, 0x80);
        if (!ephemeral) {
            selected_ = false;
            return {.data = {}, .sw = sw::kWrongData};
        }
        ResponseApdu response = agree(*ephemeral);
        if (response.ok()) response.data = {0x7C, 0x00};
        return response;
    }
    return {.data = {}, .sw = sw::kInsNotSupported};
}

}  // namespace hk::drivers::icao9303
