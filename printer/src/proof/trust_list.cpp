#include "printer/proof/trust_list.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace hk::printer::proof {

void TrustList::KeyDeleter::operator()(EVP_PKEY* key) const {
    EVP_PKEY_free(key);
}

TrustList::TrustList() = default;
TrustList::~TrustList() = default;
TrustList::TrustList(TrustList&&) noexcept = default;
TrustList& TrustList::operator=(TrustList&&) noexcept = default;

std::expected<void, std::string> TrustList::add_pem(std::string key_id, std::string_view public_key_pem) {
    if (key_id.empty()) return std::unexpected("a key without an id");
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(public_key_pem.data(), static_cast<int>(public_key_pem.size())), BIO_free);
    if (!bio) return std::unexpected("out of memory");
    std::unique_ptr<EVP_PKEY, KeyDeleter> key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key) return std::unexpected("key " + key_id + " is not a PEM public key");
    char curve[64] = {};
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC ||
        EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, nullptr) !=
            1 ||
        std::string_view(curve) != "prime256v1") {
        return std::unexpected("key " + key_id + " is not an ES256 (P-256) key");
    }
    keys_.insert_or_assign(std::move(key_id), std::move(key));
    return {};
}

std::expected<TrustList, std::string> TrustList::from_keys_json(std::string_view json) {
    const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) {
        return std::unexpected("not a keys list ({\"keys\":[...]})");
    }
    TrustList list;
    for (const nlohmann::json& entry : doc["keys"]) {
        if (!entry.is_object()) return std::unexpected("a key entry is not an object");
        const auto id = entry.find("key_id");
        const auto alg = entry.find("alg");
        const auto pem = entry.find("public_key_pem");
        if (id == entry.end() || !id->is_string() || pem == entry.end() || !pem->is_string()) {
            return std::unexpected("a key entry lacks key_id or public_key_pem");
        }
        if (alg != entry.end() && (!alg->is_string() || alg->get<std::string>() != "ES256")) {
            return std::unexpected("key " + id->get<std::string>() + " has an algorithm other than ES256");
        }
        if (auto added = list.add_pem(id->get<std::string>(), pem->get<std::string>()); !added) {
            return std::unexpected(added.error());
        }
    }
    if (list.size() == 0) return std::unexpected("the keys list is empty");
    return list;
}

std::expected<TrustList, std::string> TrustList::load(const std::filesystem::path& file,
                                                      std::string_view pem_key_id) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::unexpected("cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    if (content.find_first_not_of(" \t\r\n") != std::string::npos &&
        content[content.find_first_not_of(" \t\r\n")] == '{') {
        return from_keys_json(content);
    }
    if (pem_key_id.empty())
        return std::unexpected(file.string() + " is a PEM key: its key id must be given too");
    TrustList list;
    if (auto added = list.add_pem(std::string(pem_key_id), content); !added)
        return std::unexpected(added.error());
    return list;
}

const EVP_PKEY* TrustList::find(std::string_view key_id) const {
    const auto found = keys_.find(key_id);
    return found == keys_.end() ? nullptr : found->second.get();
}

}  // namespace hk::printer::proof
