#include "session_crypto.h"

#include <openssl/crypto.h>

namespace hk::drivers::icao9303::detail {

void increment_ssc(Bytes& ssc) {
    for (auto it = ssc.rbegin(); it != ssc.rend(); ++it) {
        if (++*it != 0) return;
    }
}

Bytes session_mac(CipherSuite suite, ByteView k_mac, ByteView message) {
    const Bytes padded = pad_iso9797_m2(message, block_length(suite));
    if (suite == CipherSuite::Des3) return retail_mac(k_mac, padded);
    Bytes mac = aes_cmac(k_mac, padded);
    if (mac.size() > 8) mac.resize(8);
    return mac;
}

namespace {
Bytes aes_iv(const SessionKeys& keys) {
    return aes_ecb_encrypt_block(keys.k_enc, keys.ssc);
}
}  // namespace

Bytes session_encrypt(const SessionKeys& keys, ByteView padded) {
    if (keys.suite == CipherSuite::Des3) return des3_cbc_encrypt(keys.k_enc, padded);
    const Bytes iv = aes_iv(keys);
    return aes_cbc_encrypt(keys.k_enc, padded, iv);
}

Bytes session_decrypt(const SessionKeys& keys, ByteView cryptogram) {
    if (keys.suite == CipherSuite::Des3) return des3_cbc_decrypt(keys.k_enc, cryptogram);
    const Bytes iv = aes_iv(keys);
    return aes_cbc_decrypt(keys.k_enc, cryptogram, iv);
}

bool equal_secret(ByteView a, ByteView b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace hk::drivers::icao9303::detail
