#include "signed_document.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include <fstream>
#include <memory>
#include <sstream>

namespace hk::kiosk {
namespace {

template <auto Free>
struct Freer {
    template <typename T>
    void operator()(T* object) const noexcept {
        Free(object);
    }
};
using BioPtr = std::unique_ptr<BIO, Freer<BIO_free>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Freer<CMS_ContentInfo_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Freer<X509_STORE_free>>;

// OpenSSL's reason for the last failure (and the queue emptied, so it does not leak into the next call).
std::string openssl_reason() {
    const unsigned long code = ERR_peek_last_error();
    std::string reason =
        code != 0 ? ERR_reason_error_string(code) != nullptr ? ERR_reason_error_string(code) : "unknown error"
                  : "no reason given";
    ERR_clear_error();
    return reason;
}

}  // namespace

std::expected<std::string, std::string> open_signed_document(const std::filesystem::path& file,
                                                             const std::filesystem::path& keyring) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error) return std::unexpected("cannot read " + file.filename().string() + ": " + error.message());
    if (size == 0 || size > kMaxSignedDocumentBytes) {
        return std::unexpected("a signed document of " + std::to_string(size) + " bytes is not believable");
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string der = bytes.str();

    BioPtr input(BIO_new_mem_buf(der.data(), static_cast<int>(der.size())));
    CmsPtr cms(input ? d2i_CMS_bio(input.get(), nullptr) : nullptr);
    if (!cms) return std::unexpected("not a CMS signed document: " + openssl_reason());
    if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
        ERR_clear_error();
        return std::unexpected("the CMS document is not SignedData");
    }
    StorePtr store(X509_STORE_new());
    if (!store || X509_STORE_load_file(store.get(), keyring.c_str()) != 1) {
        return std::unexpected("cannot load the keyring " + keyring.string() + ": " + openssl_reason());
    }
    BioPtr content(BIO_new(BIO_s_mem()));
    if (!content) return std::unexpected("out of memory");
    // CMS_BINARY: the JSON is signed byte for byte (no MIME canonical line endings).
    if (CMS_verify(cms.get(), nullptr, store.get(), nullptr, content.get(), CMS_BINARY) != 1) {
        return std::unexpected("signature refused: " + openssl_reason());
    }
    char* data = nullptr;
    const long length = BIO_get_mem_data(content.get(), &data);
    return std::string(data, static_cast<std::size_t>(length));
}

}  // namespace hk::kiosk
