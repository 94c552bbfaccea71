#include "sm_objects.h"

#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303::detail {

std::optional<SmObjects> parse_sm_objects(ByteView data, std::size_t block) {
    const auto objects = iso7816::parse_tlv_sequence(data);
    if (!objects) return std::nullopt;
    SmObjects out;
    bool seen_cryptogram = false;
    for (const iso7816::Tlv& object : *objects) {
        if (out.mac) return std::nullopt;  // nothing may follow DO8E
        switch (object.tag) {
            case 0x85:
            case 0x87: {
                if (seen_cryptogram) return std::nullopt;
                seen_cryptogram = true;
                ByteView cryptogram = object.value;
                if (object.tag == 0x87) {
                    // 01: padded with ISO/IEC 9797-1 method 2, the only indicator 9303 uses.
                    if (cryptogram.empty() || cryptogram[0] != 0x01) return std::nullopt;
                    cryptogram = cryptogram.subspan(1);
                }
                if (cryptogram.empty() || cryptogram.size() % block != 0) return std::nullopt;
                out.cryptogram = Bytes(cryptogram.begin(), cryptogram.end());
                out.odd_ins_form = object.tag == 0x85;
                break;
            }
            case 0x97:
                if (out.le || object.value.size() > 2) return std::nullopt;
                out.le = Bytes(object.value.begin(), object.value.end());
                break;
            case 0x99:
                if (out.status || object.value.size() != 2) return std::nullopt;
                out.status = static_cast<std::uint16_t>((object.value[0] << 8) | object.value[1]);
                break;
            case 0x8E:
                if (object.value.size() != 8) return std::nullopt;
                out.mac = Bytes(object.value.begin(), object.value.end());
                continue;  // not part of its own input
            default:
                return std::nullopt;
        }
        out.mac_input.insert(out.mac_input.end(), object.whole.begin(), object.whole.end());
    }
    return out;
}

Bytes encode_cryptogram_object(ByteView cryptogram, bool odd_ins_form) {
    if (odd_ins_form) return iso7816::encode_tlv(0x85, cryptogram);
    Bytes value;
    value.reserve(cryptogram.size() + 1);
    value.push_back(0x01);
    value.insert(value.end(), cryptogram.begin(), cryptogram.end());
    return iso7816::encode_tlv(0x87, value);
}

}  // namespace hk::drivers::icao9303::detail
