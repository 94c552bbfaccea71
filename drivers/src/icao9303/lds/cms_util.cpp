#include "cms_util.h"

#include <openssl/err.h>
#include <openssl/objects.h>

#include <climits>

namespace hk::drivers::icao9303::cms {

CmsPtr parse_signed_data(ByteView der) {
    if (der.empty() || der.size() > static_cast<std::size_t>(LONG_MAX)) return nullptr;
    const unsigned char* at = der.data();
    CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &at, static_cast<long>(der.size())));
    if (!cms || at != der.data() + der.size()) return nullptr;
    if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) return nullptr;
    return cms;
}

std::optional<std::string> econtent_type(CMS_ContentInfo* cms) {
    const ASN1_OBJECT* type = CMS_get0_eContentType(cms);
    if (type == nullptr) return std::nullopt;
    char text[128];
    const int length = OBJ_obj2txt(text, sizeof text, type, 1);
    if (length <= 0 || static_cast<std::size_t>(length) >= sizeof text) return std::nullopt;
    return std::string(text, static_cast<std::size_t>(length));
}

std::optional<Bytes> embedded_content(CMS_ContentInfo* cms) {
    ASN1_OCTET_STRING** content = CMS_get0_content(cms);
    if (content == nullptr || *content == nullptr) return std::nullopt;
    const unsigned char* data = ASN1_STRING_get0_data(*content);
    const int length = ASN1_STRING_length(*content);
    if (data == nullptr || length <= 0) return std::nullopt;
    return Bytes(data, data + length);
}

std::string take_openssl_error() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return "";
    const char* reason = ERR_reason_error_string(code);
    return reason != nullptr ? reason : "unknown OpenSSL error";
}

std::string_view hash_oid(HashAlgorithm hash) {
    switch (hash) {
        case HashAlgorithm::Sha1:
            return "1.3.14.3.2.26";
        case HashAlgorithm::Sha224:
            return "2.16.840.1.101.3.4.2.4";
        case HashAlgorithm::Sha256:
            return "2.16.840.1.101.3.4.2.1";
        case HashAlgorithm::Sha384:
            return "2.16.840.1.101.3.4.2.2";
        case HashAlgorithm::Sha512:
            return "2.16.840.1.101.3.4.2.3";
    }
    return "2.16.840.1.101.3.4.2.1";
}

namespace {

struct BioFree {
    void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
struct ObjectFree {
    void operator()(ASN1_OBJECT* object) const noexcept { ASN1_OBJECT_free(object); }
};
struct TimeFree {
    void operator()(ASN1_TIME* time) const noexcept { ASN1_TIME_free(time); }
};

}  // namespace

CmsPtr sign(ByteView content, std::string_view content_type, X509* signer, EVP_PKEY* key, HashAlgorithm hash,
            std::chrono::system_clock::time_point signing_time) {
    constexpr unsigned int kFlags = CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
    CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, kFlags));
    const std::string type(content_type);
    const std::unique_ptr<ASN1_OBJECT, ObjectFree> type_object(OBJ_txt2obj(type.c_str(), 1));
    if (!cms || !type_object || CMS_set1_eContentType(cms.get(), type_object.get()) != 1) return nullptr;
    CMS_SignerInfo* info = CMS_add1_signer(cms.get(), signer, key, openssl_digest(hash), kFlags);
    if (info == nullptr) return nullptr;
    // CMS_final adds signingTime = now only when the attribute is absent, so this one stays.
    const std::unique_ptr<ASN1_TIME, TimeFree> time(
        ASN1_TIME_set(nullptr, std::chrono::system_clock::to_time_t(signing_time)));
    if (!time || CMS_signed_add1_attr_by_NID(info, NID_pkcs9_signingTime, time->type, time.get(), -1) != 1)
        return nullptr;
    const std::unique_ptr<BIO, BioFree> data(
        BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
    if (!data || CMS_final(cms.get(), data.get(), nullptr, CMS_BINARY) != 1) return nullptr;
    return cms;
}

Bytes to_der(CMS_ContentInfo* cms) {
    const int size = i2d_CMS_ContentInfo(cms, nullptr);
    if (size <= 0) return {};
    Bytes out(static_cast<std::size_t>(size));
    unsigned char* at = out.data();
    i2d_CMS_ContentInfo(cms, &at);
    return out;
}

}  // namespace hk::drivers::icao9303::cms
