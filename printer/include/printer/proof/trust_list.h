// The provincial public keys a verifier trusts, by key id. Read from the same JSON the central service
// publishes at GET /v1/keys ({"keys":[{"key_id","alg","public_key_pem"}]}), or from one PEM file with its id.
#pragma once

#include <expected>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

using EVP_PKEY = struct evp_pkey_st;

namespace hk::printer::proof {

class TrustList {
  public:
    TrustList();
    ~TrustList();
    TrustList(TrustList&&) noexcept;
    TrustList& operator=(TrustList&&) noexcept;

    static std::expected<TrustList, std::string> from_keys_json(std::string_view json);
    // A file: keys JSON when it starts with '{', else a PEM public key whose id is `pem_key_id`.
    static std::expected<TrustList, std::string> load(const std::filesystem::path& file,
                                                      std::string_view pem_key_id = {});

    // Only ES256 (ECDSA P-256) keys are accepted: a key of another curve or type is refused when added.
    std::expected<void, std::string> add_pem(std::string key_id, std::string_view public_key_pem);

    [[nodiscard]] const EVP_PKEY* find(std::string_view key_id) const;
    [[nodiscard]] std::size_t size() const { return keys_.size(); }

  private:
    struct KeyDeleter {
        void operator()(EVP_PKEY* key) const;
    };
    std::map<std::string, std::unique_ptr<EVP_PKEY, KeyDeleter>, std::less<>> keys_;
};

}  // namespace hk::printer::proof
