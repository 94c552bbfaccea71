// Chip side of secure messaging (Doc 9303-11 §9.8), for the card simulators.
#include <utility>

#include "drivers/icao9303/secure_messaging.h"
#include "drivers/iso7816/ber_tlv.h"
#include "session_crypto.h"
#include "sm_objects.h"

namespace hk::drivers::icao9303 {
namespace {

std::size_t decode_le(ByteView le) {
    if (le.size() == 2) {
        const std::size_t value = (std::size_t{le[0]} << 8) | le[1];
        return value == 0 ? iso7816::kExtendedMaxNe : value;
    }
    if (le.size() == 1 && le[0] != 0) return le[0];
    return iso7816::kShortMaxNe;  // 97 01 00, or an empty DO97
}

}  // namespace

ChipSecureMessaging::ChipSecureMessaging(SessionKeys keys) : keys_(std::move(keys)) {}

ChipSecureMessaging::~ChipSecureMessaging() {
    keys_.wipe();
}

void ChipSecureMessaging::replace_keys(SessionKeys keys) {
    keys_.wipe();
    keys_ = std::move(keys);
    active_ = true;
}

std::expected<iso7816::CommandApdu, std::uint16_t> ChipSecureMessaging::unwrap_command(ByteView command) {
    // Any error ends the session: the chip deletes its session keys (§9.8.6.1).
    const auto refuse = [this](std::uint16_t status) {
        active_ = false;
        keys_.wipe();
        return std::unexpected(status);
    };
    if (!active_) return refuse(iso7816::sw::kSmDataObjectsMissing);
    const auto apdu = iso7816::decode_command(command);
    if (!apdu) return refuse(iso7816::sw::kSmDataObjectsIncorrect);
    if ((apdu->cla & 0x0C) != 0x0C) return refuse(iso7816::sw::kSmDataObjectsMissing);
    const std::size_t block = block_length(keys_.suite);
    const auto objects = detail::parse_sm_objects(apdu->data, block);
    if (!objects) return refuse(iso7816::sw::kSmDataObjectsIncorrect);
    if (!objects->mac || objects->status) return refuse(iso7816::sw::kSmDataObjectsMissing);

    detail::increment_ssc(keys_.ssc);
    Bytes mac_input = keys_.ssc;
    const Bytes header{apdu->cla, apdu->ins, apdu->p1, apdu->p2};
    const Bytes padded_header = pad_iso9797_m2(header, block);
    mac_input.insert(mac_input.end(), padded_header.begin(), padded_header.end());
    mac_input.insert(mac_input.end(), objects->mac_input.begin(), objects->mac_input.end());
    const Bytes expected_mac = detail::session_mac(keys_.suite, keys_.k_mac, mac_input);
    if (!detail::equal_secret(expected_mac, *objects->mac))
        return refuse(iso7816::sw::kSmDataObjectsIncorrect);

    iso7816::CommandApdu plain{.cla = static_cast<std::uint8_t>(apdu->cla & ~0x0C),
                               .ins = apdu->ins,
                               .p1 = apdu->p1,
                               .p2 = apdu->p2,
                               .data = {},
                               .ne = {}};
    if (objects->cryptogram) {
        Bytes padded = detail::session_decrypt(keys_, *objects->cryptogram);
        auto data = unpad_iso9797_m2(padded);
        iso7816::wipe(padded);
        if (!data) return refuse(iso7816::sw::kSmDataObjectsIncorrect);
        plain.data = std::move(*data);
    }
    if (objects->le) plain.ne = decode_le(*objects->le);
    last_ins_odd_ = (apdu->ins & 0x01) != 0;
    return plain;
}

Bytes ChipSecureMessaging::wrap_response(const iso7816::ResponseApdu& response, bool include_do99) {
    if (!active_) return iso7816::ResponseApdu{.data = {}, .sw = response.sw}.encode();
    detail::increment_ssc(keys_.ssc);
    Bytes objects;
    if (!response.data.empty()) {
        const Bytes padded = pad_iso9797_m2(response.data, block_length(keys_.suite));
        const Bytes cryptogram = detail::session_encrypt(keys_, padded);
        objects = detail::encode_cryptogram_object(cryptogram, last_ins_odd_);
    }
    if (include_do99) {
        const Bytes status = iso7816::encode_tlv(0x99, Bytes{response.sw1(), response.sw2()});
        objects.insert(objects.end(), status.begin(), status.end());
    }
    Bytes mac_input = keys_.ssc;
    mac_input.insert(mac_input.end(), objects.begin(), objects.end());
    Bytes mac = detail::session_mac(keys_.suite, keys_.k_mac, mac_input);
    if (corrupt_next_mac_) {
        mac[0] ^= 0x01;
        corrupt_next_mac_ = false;
    }
    const Bytes mac_object = iso7816::encode_tlv(0x8E, mac);
    objects.insert(objects.end(), mac_object.begin(), mac_object.end());
    objects.push_back(response.sw1());
    objects.push_back(response.sw2());
    return objects;
}

}  // namespace hk::drivers::icao9303
