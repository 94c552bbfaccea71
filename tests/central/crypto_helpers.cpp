#include "crypto_helpers.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <stdexcept>

namespace hk::central::test {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

std::string drain(BIO* bio) {
    std::string text;
    char buffer[512];
    int got = 0;
    while ((got = BIO_read(bio, buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<std::size_t>(got));
    return text;
}

Bio memory_bio(std::string_view text) {
    return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

}  // namespace

std::string generate_ec_private_key_pem(const char* curve) {
    Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
    Bio bio(BIO_new(BIO_s_mem()));
    if (!key || !bio ||
        PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        throw std::runtime_error("key generation failed");
    }
    return drain(bio.get());
}

std::string public_key_pem_of(std::string_view private_key_pem) {
    Bio in = memory_bio(private_key_pem);
    Pkey key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
    Bio out(BIO_new(BIO_s_mem()));
    if (!key || !out || PEM_write_bio_PUBKEY(out.get(), key.get()) != 1) throw std::runtime_error("bad key");
    return drain(out.get());
}

bool es256_verify(std::string_view public_key_pem, std::string_view message, std::string_view der_signature) {
    Bio in = memory_bio(public_key_pem);
    Pkey key(PEM_read_bio_PUBKEY(in.get(), nullptr, nullptr, nullptr));
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(der_signature.data()),
                            der_signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                            message.size()) == 1;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string bytes;
    unsigned accumulator = 0;
    int bits = 0;
    for (const char c : text) {
        const auto value = kAlphabet.find(c);
        if (value == std::string_view::npos) return std::nullopt;
        accumulator = (accumulator << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<char>((accumulator >> bits) & 0xFFu));
        }
    }
    return bytes;
}

std::optional<ProofParts> split_proof(std::string_view payload) {
    if (!payload.starts_with("HK1.")) return std::nullopt;
    payload.remove_prefix(4);
    const auto dot = payload.find('.');
    if (dot == std::string_view::npos || payload.find('.', dot + 1) != std::string_view::npos)
        return std::nullopt;
    ProofParts parts;
    parts.claims_text = std::string(payload.substr(0, dot));
    auto claims = base64url_decode(parts.claims_text);
    auto signature = base64url_decode(payload.substr(dot + 1));
    if (!claims || !signature) return std::nullopt;
    parts.claims_json = std::move(*claims);
    parts.signature = std::move(*signature);
    return parts;
}

}  // namespace hk::central::test
