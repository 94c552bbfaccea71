#include "signer.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <stdexcept>

namespace hk::central {
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

std::string read_all(BIO* bio) {
    std::string text;
    char buffer[1024];
    int got = 0;
    while ((got = BIO_read(bio, buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<std::size_t>(got));
    return text;
}

std::string group_name(EVP_PKEY* key) {
    char name[64] = {};
    std::size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &length) != 1)
        return {};
    return std::string(name, length);
}

class Es256Signer final : public ProofSigner {
  public:
    Es256Signer(Pkey key, std::string key_id) : key_(std::move(key)), key_id_(std::move(key_id)) {}

    std::string_view algorithm() const override { return "ES256"; }
    const std::string& key_id() const override { return key_id_; }

    std::string public_key_pem() const override {
        Bio bio(BIO_new(BIO_s_mem()));
        if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1)
            throw std::runtime_error("public key export");
        return read_all(bio.get());
    }

    std::string sign(std::string_view message) const override {
        std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
        const auto* data = reinterpret_cast<const unsigned char*>(message.data());
        std::size_t length = 0;
        if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
            EVP_DigestSign(ctx.get(), nullptr, &length, data, message.size()) != 1) {
            throw std::runtime_error("ES256 signing setup failed");
        }
        std::string signature(length, '\0');
        if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                           message.size()) != 1) {
            throw std::runtime_error("ES256 signing failed");
        }
        signature.resize(length);  // DER length varies with the integers' leading bits
        return signature;
    }

  private:
    Pkey key_;
    std::string key_id_;
};

}  // namespace

std::expected<std::unique_ptr<ProofSigner>, std::string> make_es256_signer(std::string_view private_key_pem,
                                                                           std::string key_id) {
    Bio bio(BIO_new_mem_buf(private_key_pem.data(), static_cast<int>(private_key_pem.size())));
    if (!bio) return std::unexpected("out of memory");
    Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) return std::unexpected("signing key is not a PEM private key");
    if (EVP_PKEY_is_a(key.get(), "EC") != 1 || group_name(key.get()) != "prime256v1") {
        return std::unexpected("signing key is not an ECDSA P-256 key");
    }
    if (key_id.empty()) return std::unexpected("signing key id is empty");
    return std::make_unique<Es256Signer>(std::move(key), std::move(key_id));
}

}  // namespace hk::central
