// Terminal side of BAC (Doc 9303-11 §4.3.3).
#include <utility>

#include "bac_session.h"
#include "drivers/icao9303/bac.h"
#include "exchange.h"
#include "session_crypto.h"

namespace hk::drivers::icao9303 {

std::expected<SessionKeys, AccessError> perform_bac(iso7816::CardChannel& channel, const ChipAccessKey& key,
                                                    RandomSource& random) {
    auto information = mrz_information(key);
    if (!information)
        return std::unexpected(detail::protocol_failure("BAC", "MRZ fields are not valid MRZ text"));
    Bytes seed = bac_key_seed(*information);
    std::fill(information->begin(), information->end(), '\0');
    BacKeys keys = derive_bac_keys(seed);
    iso7816::wipe(seed);

    const iso7816::CommandApdu challenge_command{
        .cla = 0x00, .ins = 0x84, .p1 = 0x00, .p2 = 0x00, .data = {}, .ne = 8};
    auto challenge = detail::exchange(channel, challenge_command, "GET CHALLENGE");
    if (!challenge) {
        keys.wipe();
        return std::unexpected(std::move(challenge.error()));
    }
    if (challenge->data.size() != 8) {
        keys.wipe();
        return std::unexpected(detail::protocol_failure("GET CHALLENGE", "challenge is not 8 bytes"));
    }
    const Bytes rnd_ic = challenge->data;
    Bytes rnd_ifd = random.bytes(8);
    Bytes k_ifd = random.bytes(16);
    Bytes plain = rnd_ifd;
    plain.insert(plain.end(), rnd_ic.begin(), rnd_ic.end());
    plain.insert(plain.end(), k_ifd.begin(), k_ifd.end());
    const iso7816::CommandApdu authenticate{.cla = 0x00,
                                            .ins = 0x82,
                                            .p1 = 0x00,
                                            .p2 = 0x00,
                                            .data = detail::bac_cryptogram(keys, plain),
                                            .ne = 0x28};
    iso7816::wipe(plain);

    const auto finish = [&](std::expected<SessionKeys, AccessError> result) {
        keys.wipe();
        iso7816::wipe(rnd_ifd);
        iso7816::wipe(k_ifd);
        return result;
    };
    auto answer = detail::exchange(channel, authenticate, "EXTERNAL AUTHENTICATE");
    if (!answer) return finish(std::unexpected(std::move(answer.error())));
    auto opened = detail::open_bac_cryptogram(keys, answer->data);
    if (!opened) {
        return finish(std::unexpected(
            detail::protocol_failure("EXTERNAL AUTHENTICATE", "chip cryptogram does not verify")));
    }
    // R = RND.IC || RND.IFD || K.IC: the chip must echo both nonces (§4.3.3.2 steps 6-7).
    const ByteView r{*opened};
    if (!detail::equal_secret(r.first(8), rnd_ic) || !detail::equal_secret(r.subspan(8, 8), rnd_ifd)) {
        iso7816::wipe(*opened);
        return finish(
            std::unexpected(detail::protocol_failure("EXTERNAL AUTHENTICATE", "chip nonces do not match")));
    }
    SessionKeys session = detail::bac_session_keys(k_ifd, r.subspan(16, 16), rnd_ic, rnd_ifd);
    iso7816::wipe(*opened);
    return finish(std::move(session));
}

}  // namespace hk::drivers::icao9303
