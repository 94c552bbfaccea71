// Chip side of BAC (Doc 9303-11 §4.3.3), for the card simulators.
#include "bac_session.h"
#include "drivers/icao9303/bac.h"
#include "session_crypto.h"

namespace hk::drivers::icao9303 {

BacChip::BacChip(ByteView key_seed, RandomSource& random)
    : keys_(derive_bac_keys(key_seed)), random_(random) {}

BacChip::~BacChip() {
    keys_.wipe();
    iso7816::wipe(challenge_);
    if (established_) established_->wipe();
}

bool BacChip::handles(const iso7816::CommandApdu& command) {
    return command.ins == 0x84 || command.ins == 0x82;
}

void BacChip::reset() {
    iso7816::wipe(challenge_);
    if (established_) established_->wipe();
    established_.reset();
}

iso7816::ResponseApdu BacChip::process(const iso7816::CommandApdu& command) {
    if (command.ins == 0x84) {
        if (command.p1 != 0 || command.p2 != 0) return {.data = {}, .sw = iso7816::sw::kWrongP1P2};
        if (command.ne != 8) return {.data = {}, .sw = iso7816::sw::kWrongLength};
        reset();
        challenge_ = random_.bytes(8);
        return {.data = challenge_, .sw = iso7816::sw::kOk};
    }
    if (command.ins == 0x82) return external_authenticate(command);
    return {.data = {}, .sw = iso7816::sw::kInsNotSupported};
}

iso7816::ResponseApdu BacChip::external_authenticate(const iso7816::CommandApdu& command) {
    if (challenge_.empty()) return {.data = {}, .sw = iso7816::sw::kConditionsNotSatisfied};
    if (command.data.size() != 40) {
        reset();
        return {.data = {}, .sw = iso7816::sw::kWrongLength};
    }
    auto opened = detail::open_bac_cryptogram(keys_, command.data);
    // S = RND.IFD || RND.IC || K.IFD: the terminal must have encrypted our challenge.
    if (!opened || !detail::equal_secret(ByteView{*opened}.subspan(8, 8), challenge_)) {
        if (opened) iso7816::wipe(*opened);
        reset();
        return {.data = {}, .sw = iso7816::sw::kAuthenticationFailed};
    }
    const ByteView s{*opened};
    Bytes k_ic = random_.bytes(16);
    Bytes r = challenge_;
    r.insert(r.end(), s.begin(), s.begin() + 8);
    r.insert(r.end(), k_ic.begin(), k_ic.end());
    iso7816::ResponseApdu response{.data = detail::bac_cryptogram(keys_, r), .sw = iso7816::sw::kOk};
    established_ = detail::bac_session_keys(s.subspan(16, 16), k_ic, challenge_, s.first(8));
    iso7816::wipe(r);
    iso7816::wipe(k_ic);
    iso7816::wipe(*opened);
    iso7816::wipe(challenge_);
    return response;
}

}  // namespace hk::drivers::icao9303
