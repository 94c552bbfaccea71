#include "drivers/sim/plain_contactless_card.h"

namespace hk::drivers::sim {

iso7816::Bytes PlainContactlessCard::atr() const {
    // PC/SC part 3 ATR of a storage card (MIFARE Classic 1K): 3B 8F 80 01 80 4F 0C, RID A0 00 00 03 06,
    // standard 03 (ISO 14443-A part 3), card name 00 01, RFU 00 00 00 00, TCK.
    iso7816::Bytes atr{0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00,
                       0x03, 0x06, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00};
    std::uint8_t check = 0;
    for (std::size_t i = 1; i < atr.size(); ++i) check ^= atr[i];
    atr.push_back(check);
    return atr;
}

iso7816::Bytes PlainContactlessCard::process(iso7816::ByteView command) {
    const bool select = command.size() >= 2 && command[1] == 0xA4;
    return select ? iso7816::Bytes{0x6A, 0x82} : iso7816::Bytes{0x6D, 0x00};
}

}  // namespace hk::drivers::sim
