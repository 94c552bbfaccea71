#include "bac_session.h"

#include "session_crypto.h"

namespace hk::drivers::icao9303::detail {

Bytes bac_cryptogram(const BacKeys& keys, ByteView plain32) {
    Bytes out = des3_cbc_encrypt(keys.k_enc, plain32);
    const Bytes mac = session_mac(CipherSuite::Des3, keys.k_mac, out);
    out.insert(out.end(), mac.begin(), mac.end());
    return out;
}

std::optional<Bytes> open_bac_cryptogram(const BacKeys& keys, ByteView cryptogram40) {
    if (cryptogram40.size() != 40) return std::nullopt;
    const ByteView encrypted = cryptogram40.first(32);
    const Bytes mac = session_mac(CipherSuite::Des3, keys.k_mac, encrypted);
    if (!equal_secret(mac, cryptogram40.subspan(32))) return std::nullopt;
    Bytes plain = des3_cbc_decrypt(keys.k_enc, encrypted);
    if (plain.size() != 32) return std::nullopt;
    return plain;
}

SessionKeys bac_session_keys(ByteView k_ifd, ByteView k_ic, ByteView rnd_ic, ByteView rnd_ifd) {
    Bytes seed(16);
    for (std::size_t i = 0; i < 16; ++i) seed[i] = static_cast<std::uint8_t>(k_ifd[i] ^ k_ic[i]);
    BacKeys derived = derive_bac_keys(seed);
    iso7816::wipe(seed);
    SessionKeys keys{.suite = CipherSuite::Des3,
                     .k_enc = std::move(derived.k_enc),
                     .k_mac = std::move(derived.k_mac),
                     .ssc = {}};
    keys.ssc.assign(rnd_ic.begin() + 4, rnd_ic.end());
    keys.ssc.insert(keys.ssc.end(), rnd_ifd.begin() + 4, rnd_ifd.end());
    return keys;
}

}  // namespace hk::drivers::icao9303::detail
