// The symmetric cryptography of ICAO Doc 9303 part 11 (BAC, PACE, secure messaging, chip authentication) on
// OpenSSL 3: hashes, 3DES and AES without padding, the retail MAC and AES-CMAC, ISO/IEC 9797-1 padding method
// 2 and the key derivation function of §9.7.1. Single DES is in OpenSSL 3's legacy provider only, so it is
// done as two-key 3DES with both halves equal, which is the same cipher.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>

#include "drivers/iso7816/bytes.h"

struct evp_md_st;  // OpenSSL's EVP_MD, without pulling OpenSSL's headers into every user of this one

namespace hk::drivers::icao9303 {

using iso7816::Bytes;
using iso7816::ByteView;

enum class HashAlgorithm : std::uint8_t { Sha1, Sha224, Sha256, Sha384, Sha512 };
Bytes digest(HashAlgorithm algorithm, ByteView data);
// OpenSSL's EVP_MD for `algorithm`, for code that signs or verifies with it (EVP_MD is struct evp_md_st).
const ::evp_md_st* openssl_digest(HashAlgorithm algorithm);
// Dotted OIDs of the hash algorithms (2.16.840.1.101.3.4.2.x and 1.3.14.3.2.26).
std::optional<HashAlgorithm> hash_algorithm_from_oid(std::string_view dotted_oid);
std::string_view to_string(HashAlgorithm algorithm);

// ISO/IEC 9797-1 padding method 2: 0x80 then zeros up to a multiple of `block`.
Bytes pad_iso9797_m2(ByteView data, std::size_t block);
// The inverse; nullopt when the padding is not there (a forged or corrupted cryptogram).
std::optional<Bytes> unpad_iso9797_m2(ByteView data);

// Block ciphers in CBC mode, no padding: `data` must be a multiple of the block size (else an empty result).
// 3DES keys are 16 bytes (K1 || K2) or 24; AES keys 16, 24 or 32. An empty `iv` means all zeros.
Bytes des3_cbc_encrypt(ByteView key, ByteView data, ByteView iv = {});
Bytes des3_cbc_decrypt(ByteView key, ByteView data, ByteView iv = {});
Bytes aes_cbc_encrypt(ByteView key, ByteView data, ByteView iv = {});
Bytes aes_cbc_decrypt(ByteView key, ByteView data, ByteView iv = {});
Bytes aes_ecb_encrypt_block(ByteView key, ByteView block16);

// ISO/IEC 9797-1 MAC algorithm 3 (the "retail MAC") with DES, over data already padded to 8 bytes; 8 bytes
// out.
Bytes retail_mac(ByteView key16, ByteView padded_data);
// AES-CMAC (NIST SP 800-38B), the full 16 bytes; secure messaging keeps the first 8.
Bytes aes_cmac(ByteView key, ByteView data);

// Session cipher of BAC/PACE/CA: 3DES with the retail MAC, or AES with CMAC.
enum class CipherSuite : std::uint8_t { Des3, Aes128, Aes192, Aes256 };
std::size_t key_length(CipherSuite suite);
std::size_t block_length(CipherSuite suite);

// Doc 9303-11 §9.7.1: KDF(K, c) = H(K || c) cut to the key length; c = 1 encryption, 2 MAC, 3 PACE password.
enum class KeyPurpose : std::uint32_t { Encryption = 1, Mac = 2, Password = 3 };
Bytes derive_key(ByteView shared_secret, KeyPurpose purpose, CipherSuite suite);

// Sets odd parity on every byte of a DES key (BAC keys are shown with parity adjusted in the 9303 examples).
void adjust_des_parity(Bytes& key);

// Where nonces and ephemeral keys come from: the system's CSPRNG, or fixed values for published vectors.
class RandomSource {
  public:
    virtual ~RandomSource() = default;
    virtual Bytes bytes(std::size_t count) = 0;
};

class SystemRandom : public RandomSource {
  public:
    Bytes bytes(std::size_t count) override;
};

// Hands out the queued values in order (each must have the size asked); falls back to the system's CSPRNG
// once empty. For test vectors only.
class ScriptedRandom : public RandomSource {
  public:
    void push(Bytes value) { queued_.push_back(std::move(value)); }
    Bytes bytes(std::size_t count) override;

  private:
    std::deque<Bytes> queued_;
    SystemRandom fallback_;
};

}  // namespace hk::drivers::icao9303
