#include "drivers/icao9303/crypto.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace hk::drivers::icao9303 {
namespace {

struct CipherContextFree {
    void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
struct MacFree {
    void operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }
};
struct MacContextFree {
    void operator()(EVP_MAC_CTX* context) const { EVP_MAC_CTX_free(context); }
};

}  // namespace

const EVP_MD* openssl_digest(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::Sha1:
            return EVP_sha1();
        case HashAlgorithm::Sha224:
            return EVP_sha224();
        case HashAlgorithm::Sha256:
            return EVP_sha256();
        case HashAlgorithm::Sha384:
            return EVP_sha384();
        case HashAlgorithm::Sha512:
            return EVP_sha512();
    }
    return EVP_sha256();
}

namespace {

// Runs one cipher over whole blocks with padding off. Returns empty on any misuse (wrong key or IV size, data
// not whole blocks): callers treat that as a cryptographic failure, never as success.
Bytes run_cipher(const EVP_CIPHER* cipher, ByteView key, ByteView data, ByteView iv, bool encrypt) {
    const auto block = static_cast<std::size_t>(EVP_CIPHER_get_block_size(cipher));
    if (key.size() != static_cast<std::size_t>(EVP_CIPHER_get_key_length(cipher))) return {};
    if (data.empty() || data.size() % block != 0) return {};
    const auto iv_length = static_cast<std::size_t>(EVP_CIPHER_get_iv_length(cipher));
    Bytes zero_iv(iv_length, 0);
    if (!iv.empty() && iv.size() != iv_length) return {};
    const std::unique_ptr<EVP_CIPHER_CTX, CipherContextFree> context{EVP_CIPHER_CTX_new()};
    if (!context ||
        EVP_CipherInit_ex2(context.get(), cipher, key.data(),
                           iv_length == 0 ? nullptr : (iv.empty() ? zero_iv.data() : iv.data()),
                           encrypt ? 1 : 0, nullptr) != 1 ||
        EVP_CIPHER_CTX_set_padding(context.get(), 0) != 1) {
        return {};
    }
    Bytes out(data.size() + block);
    int written = 0;
    if (EVP_CipherUpdate(context.get(), out.data(), &written, data.data(), static_cast<int>(data.size())) !=
        1) {
        return {};
    }
    int final_written = 0;
    if (EVP_CipherFinal_ex(context.get(), out.data() + written, &final_written) != 1) return {};
    out.resize(static_cast<std::size_t>(written + final_written));
    return out;
}

const EVP_CIPHER* des3_cipher(ByteView key) {
    return key.size() == 24 ? EVP_des_ede3_cbc() : EVP_des_ede_cbc();
}

const EVP_CIPHER* aes_cbc_cipher(ByteView key) {
    switch (key.size()) {
        case 16:
            return EVP_aes_128_cbc();
        case 24:
            return EVP_aes_192_cbc();
        default:
            return EVP_aes_256_cbc();
    }
}

}  // namespace

Bytes digest(HashAlgorithm algorithm, ByteView data) {
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &length, openssl_digest(algorithm), nullptr) != 1) {
        throw std::runtime_error("EVP_Digest failed");
    }
    out.resize(length);
    return out;
}

std::optional<HashAlgorithm> hash_algorithm_from_oid(std::string_view dotted_oid) {
    if (dotted_oid == "1.3.14.3.2.26") return HashAlgorithm::Sha1;
    if (dotted_oid == "2.16.840.1.101.3.4.2.4") return HashAlgorithm::Sha224;
    if (dotted_oid == "2.16.840.1.101.3.4.2.1") return HashAlgorithm::Sha256;
    if (dotted_oid == "2.16.840.1.101.3.4.2.2") return HashAlgorithm::Sha384;
    if (dotted_oid == "2.16.840.1.101.3.4.2.3") return HashAlgorithm::Sha512;
    return std::nullopt;
}

std::string_view to_string(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::Sha1:
            return "SHA-1";
        case HashAlgorithm::Sha224:
            return "SHA-224";
        case HashAlgorithm::Sha256:
            return "SHA-256";
        case HashAlgorithm::Sha384:
            return "SHA-384";
        case HashAlgorithm::Sha512:
            return "SHA-512";
    }
    return "unknown";
}

Bytes pad_iso9797_m2(ByteView data, std::size_t block) {
    Bytes out(data.begin(), data.end());
    out.push_back(0x80);
    while (out.size() % block != 0) out.push_back(0x00);
    return out;
}

std::optional<Bytes> unpad_iso9797_m2(ByteView data) {
    std::size_t end = data.size();
    while (end > 0 && data[end - 1] == 0x00) --end;
    if (end == 0 || data[end - 1] != 0x80) return std::nullopt;
    return Bytes(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(end - 1));
}

Bytes des3_cbc_encrypt(ByteView key, ByteView data, ByteView iv) {
    return run_cipher(des3_cipher(key), key, data, iv, true);
}
Bytes des3_cbc_decrypt(ByteView key, ByteView data, ByteView iv) {
    return run_cipher(des3_cipher(key), key, data, iv, false);
}
Bytes aes_cbc_encrypt(ByteView key, ByteView data, ByteView iv) {
    return run_cipher(aes_cbc_cipher(key), key, data, iv, true);
}
Bytes aes_cbc_decrypt(ByteView key, ByteView data, ByteView iv) {
    return run_cipher(aes_cbc_cipher(key), key, data, iv, false);
}
Bytes aes_ecb_encrypt_block(ByteView key, ByteView block16) {
    const EVP_CIPHER* cipher = key.size() == 16   ? EVP_aes_128_ecb()
                               : key.size() == 24 ? EVP_aes_192_ecb()
                                                  : EVP_aes_256_ecb();
    return run_cipher(cipher, key, block16, {}, true);
}

Bytes retail_mac(ByteView key16, ByteView padded_data) {
    if (key16.size() != 16 || padded_data.empty() || padded_data.size() % 8 != 0) return {};
    // Single DES with K1 as 3DES (K1, K1), CBC over every block but the last; the last block then goes
    // through E(K1) D(K2) E(K1), which is two-key 3DES with the chaining value as IV.
    Bytes k1k1(key16.begin(), key16.begin() + 8);
    k1k1.insert(k1k1.end(), key16.begin(), key16.begin() + 8);
    Bytes chaining(8, 0);
    if (padded_data.size() > 8) {
        const Bytes head = des3_cbc_encrypt(k1k1, padded_data.first(padded_data.size() - 8));
        if (head.empty()) return {};
        chaining.assign(head.end() - 8, head.end());
    }
    return des3_cbc_encrypt(key16, padded_data.last(8), chaining);
}

Bytes aes_cmac(ByteView key, ByteView data) {
    const std::unique_ptr<EVP_MAC, MacFree> mac{EVP_MAC_fetch(nullptr, "CMAC", nullptr)};
    if (!mac) return {};
    const std::unique_ptr<EVP_MAC_CTX, MacContextFree> context{EVP_MAC_CTX_new(mac.get())};
    if (!context) return {};
    const char* cipher_name = key.size() == 16   ? "AES-128-CBC"
                              : key.size() == 24 ? "AES-192-CBC"
                                                 : "AES-256-CBC";
    const std::array params{
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, const_cast<char*>(cipher_name), 0),
        OSSL_PARAM_construct_end()};
    if (EVP_MAC_init(context.get(), key.data(), key.size(), params.data()) != 1 ||
        EVP_MAC_update(context.get(), data.data(), data.size()) != 1) {
        return {};
    }
    Bytes out(16);
    std::size_t length = 0;
    if (EVP_MAC_final(context.get(), out.data(), &length, out.size()) != 1) return {};
    out.resize(length);
    return out;
}

std::size_t key_length(CipherSuite suite) {
    switch (suite) {
        case CipherSuite::Des3:
        case CipherSuite::Aes128:
            return 16;
        case CipherSuite::Aes192:
            return 24;
        case CipherSuite::Aes256:
            return 32;
    }
    return 16;
}

std::size_t block_length(CipherSuite suite) {
    return suite == CipherSuite::Des3 ? 8 : 16;
}

Bytes derive_key(ByteView shared_secret, KeyPurpose purpose, CipherSuite suite) {
    Bytes input(shared_secret.begin(), shared_secret.end());
    const auto counter = static_cast<std::uint32_t>(purpose);
    for (int shift = 24; shift >= 0; shift -= 8)
        input.push_back(static_cast<std::uint8_t>((counter >> shift) & 0xFF));
    const bool long_key = suite == CipherSuite::Aes192 || suite == CipherSuite::Aes256;
    Bytes hash = digest(long_key ? HashAlgorithm::Sha256 : HashAlgorithm::Sha1, input);
    iso7816::wipe(input);
    hash.resize(key_length(suite));
    return hash;
}

void adjust_des_parity(Bytes& key) {
    for (std::uint8_t& byte : key) {
        int ones = 0;
        for (int bit = 1; bit < 8; ++bit) ones += (byte >> bit) & 1;
        byte = static_cast<std::uint8_t>((byte & 0xFE) | ((ones % 2 == 0) ? 1 : 0));
    }
}

Bytes SystemRandom::bytes(std::size_t count) {
    Bytes out(count);
    if (count != 0 && RAND_bytes(out.data(), static_cast<int>(count)) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    return out;
}

Bytes ScriptedRandom::bytes(std::size_t count) {
    if (queued_.empty()) return fallback_.bytes(count);
    Bytes value = std::move(queued_.front());
    queued_.pop_front();
    if (value.size() != count) throw std::logic_error("scripted random value of the wrong size");
    return value;
}

}  // namespace hk::drivers::icao9303
