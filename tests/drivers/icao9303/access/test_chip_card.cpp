#include "test_chip_card.h"

#include <algorithm>

#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303::test {

using iso7816::ResponseApdu;
namespace sw = iso7816::sw;

void TestChipCard::reset() {
    sm_.reset();
    selected_.reset();
    if (bac_) bac_->reset();
    if (pace_) pace_->reset();
}

Bytes TestChipCard::process(ByteView raw) {
    if (sm_ && sm_->active() && !raw.empty() && (raw[0] & 0x0C) == 0x0C) {
        auto command = sm_->unwrap_command(raw);
        if (!command) {
            sm_.reset();  // the chip leaves the session and answers in the clear
            return ResponseApdu{.data = {}, .sw = command.error()}.encode();
        }
        last_plain_ = *command;
        Bytes wrapped = sm_->wrap_response(dispatch_secured(*command), include_do99_);
        // Chip authentication: this answer went under the old keys, the next command comes under the new.
        if (ca_) {
            if (auto keys = ca_->take_established()) sm_->replace_keys(std::move(*keys));
        }
        return wrapped;
    }
    sm_.reset();  // a plain command ends any session
    const auto command = iso7816::decode_command(raw);
    if (!command) return ResponseApdu{.data = {}, .sw = sw::kWrongLength}.encode();
    last_plain_ = *command;
    if (bac_ && BacChip::handles(*command)) {
        const ResponseApdu response = bac_->process(*command);
        if (bac_->established()) {
            sm_ = std::make_unique<ChipSecureMessaging>(*bac_->established());
            bac_->reset();
        }
        return response.encode();
    }
    if (pace_ && PaceChip::handles(*command)) {
        const ResponseApdu response = pace_->process(*command);
        if (pace_->established()) {
            sm_ = std::make_unique<ChipSecureMessaging>(*pace_->established());
            pace_->reset();
        }
        return response.encode();
    }
    // Files need an authenticated session.
    return ResponseApdu{.data = {}, .sw = sw::kSecurityStatusNotSatisfied}.encode();
}

ResponseApdu TestChipCard::dispatch_secured(const iso7816::CommandApdu& command) {
    if (ca_ && ChipAuthenticationChip::handles(command)) return ca_->process(command);
    if (command.ins == 0xA4) {  // SELECT EF by file id
        if (command.data.size() != 2) return {.data = {}, .sw = sw::kWrongLength};
        const auto id = static_cast<std::uint16_t>((command.data[0] << 8) | command.data[1]);
        if (!files_.contains(id)) return {.data = {}, .sw = sw::kFileNotFound};
        selected_ = id;
        return {.data = {}, .sw = sw::kOk};
    }
    if (command.ins == 0xB0 || command.ins == 0xB1) return read_binary(command);
    return {.data = {}, .sw = sw::kInsNotSupported};
}

ResponseApdu TestChipCard::read_binary(const iso7816::CommandApdu& command) {
    if (!selected_) return {.data = {}, .sw = 0x6986};
    const Bytes& file = files_[*selected_];
    std::size_t offset = (std::size_t{command.p1} << 8) | command.p2;
    if (command.ins == 0xB1) {  // offset in DO54, data in DO53
        const auto tlv = iso7816::parse_tlv(command.data);
        if (!tlv || tlv->tag != 0x54 || tlv->value.empty() || tlv->value.size() > 3) {
            return {.data = {}, .sw = sw::kWrongData};
        }
        offset = 0;
        for (const std::uint8_t byte : tlv->value) offset = (offset << 8) | byte;
    }
    if (offset > file.size()) return {.data = {}, .sw = sw::kWrongP1P2};
    const std::size_t count = std::min(command.ne.value_or(0), file.size() - offset);
    Bytes data(file.begin() + static_cast<std::ptrdiff_t>(offset),
               file.begin() + static_cast<std::ptrdiff_t>(offset + count));
    if (command.ins == 0xB1) data = iso7816::encode_tlv(0x53, data);
    return {.data = std::move(data), .sw = sw::kOk};
}

}  // namespace hk::drivers::icao9303::test
