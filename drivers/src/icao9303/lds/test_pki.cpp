// The test PKI of the document factory: CSCA and document signer certificates (9303-12 §7 profiles, reduced
// to what verification looks at), cached keys, trust directory files and master lists.
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <mutex>
#include <tuple>

#include "cms_util.h"
#include "der.h"
#include "drivers/icao9303/sod.h"
#include "drivers/icao9303/test_document.h"
#include "key_generation.h"

namespace hk::drivers::icao9303::testdoc {

namespace {

std::mutex& cache_mutex() {
    static std::mutex mutex;
    return mutex;
}

EvpPkeyPtr generate(KeyKind kind) {
    switch (kind) {
        case KeyKind::EcP256:
            return keygen::ec("P-256");
        case KeyKind::Rsa1024:
            return keygen::rsa(1024);
        case KeyKind::Rsa2048:
            return keygen::rsa(2048);
        case KeyKind::Dh2048:
            return keygen::dhx("dh_2048_224");
    }
    return nullptr;
}

constexpr int kDay = 1;
constexpr int kYear = 365;

struct Validity {
    int not_before_days;  // relative to now
    int not_after_days;
};

Validity ds_validity(DsValidity validity) {
    if (validity == DsValidity::Current) return {-30 * kDay, 10 * kYear};
    return {-5 * kYear, -2 * kYear};
}

bool add_extension(X509* certificate, X509* issuer, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (extension == nullptr) return false;
    const bool ok = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return ok;
}

X509_NAME* make_name(const char* common_name) {
    X509_NAME* name = X509_NAME_new();
    const auto add = [name](const char* field, const char* value) {
        X509_NAME_add_entry_by_txt(name, field, MBSTRING_ASC, reinterpret_cast<const unsigned char*>(value),
                                   -1, -1, 0);
    };
    add("C", "UT");
    add("O", "HuKiosk test PKI");
    add("CN", common_name);
    return name;
}

// `issuer` null: self-signed with `key`.
X509Ptr make_certificate(const char* common_name, EVP_PKEY* subject_key, const TestCertificate* issuer,
                         Validity validity, long serial, bool ca) {
    X509Ptr certificate(X509_new());
    if (!certificate) return nullptr;
    X509* cert = certificate.get();
    X509_NAME* name = make_name(common_name);
    bool ok =
        X509_set_version(cert, X509_VERSION_3) == 1 &&
        ASN1_INTEGER_set(X509_get_serialNumber(cert), serial) == 1 &&
        X509_set_subject_name(cert, name) == 1 &&
        X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer->certificate.get()) : name) == 1 &&
        X509_time_adj_ex(X509_getm_notBefore(cert), validity.not_before_days, 0, nullptr) != nullptr &&
        X509_time_adj_ex(X509_getm_notAfter(cert), validity.not_after_days, 0, nullptr) != nullptr &&
        X509_set_pubkey(cert, subject_key) == 1;
    X509_NAME_free(name);
    X509* issuer_cert = issuer ? issuer->certificate.get() : cert;
    ok = ok && add_extension(cert, issuer_cert, NID_subject_key_identifier, "hash");
    ok = ok && add_extension(cert, issuer_cert, NID_authority_key_identifier, "keyid:always");
    if (ca) {
        ok = ok && add_extension(cert, issuer_cert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
        ok = ok && add_extension(cert, issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && add_extension(cert, issuer_cert, NID_key_usage, "critical,digitalSignature");
    }
    EVP_PKEY* signing_key = issuer ? issuer->private_key.get() : subject_key;
    ok = ok && X509_sign(cert, signing_key, EVP_sha256()) > 0;
    return ok ? std::move(certificate) : nullptr;
}

TestCertificate copy(const TestCertificate& cached) {
    return {share(cached.certificate.get()), share(cached.private_key.get())};
}

std::string kind_name(KeyKind kind) {
    switch (kind) {
        case KeyKind::EcP256:
            return "ec";
        case KeyKind::Rsa1024:
            return "rsa1024";
        case KeyKind::Rsa2048:
            return "rsa";
        case KeyKind::Dh2048:
            return "dh";
    }
    return "key";
}

// Key slots, so that every role has its own key.
enum Slot : int { kCscaTrusted = 0, kCscaUnknown = 1, kDocumentSigner = 2, kMasterListSigner = 3 };

}  // namespace

EvpPkeyPtr cached_key(KeyKind kind, int slot) {
    static std::map<std::pair<KeyKind, int>, EvpPkeyPtr> cache;
    std::lock_guard lock(cache_mutex());
    EvpPkeyPtr& key = cache[{kind, slot}];
    if (!key) key = generate(kind);
    return share(key.get());
}

TestCertificate csca(CscaChoice which, KeyKind kind) {
    static std::map<std::pair<CscaChoice, KeyKind>, TestCertificate> cache;
    EvpPkeyPtr key = cached_key(kind, which == CscaChoice::Trusted ? kCscaTrusted : kCscaUnknown);
    std::lock_guard lock(cache_mutex());
    TestCertificate& entry = cache[{which, kind}];
    if (!entry.certificate) {
        const char* name = which == CscaChoice::Trusted ? "CSCA HuKiosk Test" : "CSCA Unknown State";
        entry.certificate = make_certificate(name, key.get(), nullptr, {-10 * kYear, 20 * kYear},
                                             which == CscaChoice::Trusted ? 1 : 2, true);
        entry.private_key = std::move(key);
    }
    return copy(entry);
}

TestCertificate document_signer(CscaChoice issuer, KeyKind csca_kind, DsValidity validity) {
    static std::map<std::tuple<CscaChoice, KeyKind, DsValidity>, TestCertificate> cache;
    const TestCertificate authority = csca(issuer, csca_kind);
    const KeyKind ds_kind = csca_kind == KeyKind::EcP256 ? KeyKind::EcP256 : KeyKind::Rsa2048;
    EvpPkeyPtr key = cached_key(ds_kind, kDocumentSigner);
    std::lock_guard lock(cache_mutex());
    TestCertificate& entry = cache[{issuer, csca_kind, validity}];
    if (!entry.certificate) {
        entry.certificate = make_certificate("Document Signer HuKiosk Test", key.get(), &authority,
                                             ds_validity(validity), 100 + static_cast<long>(validity), false);
        entry.private_key = std::move(key);
    }
    return copy(entry);
}

std::chrono::system_clock::time_point signing_time(DsValidity validity) {
    const auto now = std::chrono::system_clock::now();
    const auto day = std::chrono::hours(24);
    if (validity == DsValidity::ExpiredSinceSigning) return now - 4 * kYear * day;
    return now - day;  // Current, and SignedAfterExpiry (after the DS expired two years ago)
}

Bytes make_master_list(const std::vector<const X509*>& certificates) {
    const TestCertificate authority = csca(CscaChoice::Trusted, KeyKind::EcP256);
    static TestCertificate signer;
    {
        EvpPkeyPtr key = cached_key(KeyKind::EcP256, kMasterListSigner);
        std::lock_guard lock(cache_mutex());
        if (!signer.certificate) {
            signer.certificate = make_certificate("Master List Signer HuKiosk Test", key.get(), &authority,
                                                  {-30 * kDay, 5 * kYear}, 200, false);
            signer.private_key = std::move(key);
        }
    }
    std::vector<Bytes> entries;
    for (const X509* certificate : certificates) entries.push_back(certificate_der(certificate));
    const Bytes list = der::sequence({der::integer(0), der::set_of(std::move(entries))});
    const cms::CmsPtr signed_list =
        cms::sign(list, oid::kCscaMasterList, signer.certificate.get(), signer.private_key.get(),
                  HashAlgorithm::Sha256, std::chrono::system_clock::now());
    return signed_list ? cms::to_der(signed_list.get()) : Bytes{};
}

std::expected<std::filesystem::path, std::string> write_trust_file(const std::filesystem::path& directory,
                                                                   TrustFileFormat format, KeyKind kind) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) return std::unexpected("cannot create " + directory.string() + ": " + error.message());
    const TestCertificate authority = csca(CscaChoice::Trusted, kind);
    if (!authority.certificate) return std::unexpected(std::string("CSCA generation failed"));
    Bytes contents;
    std::string extension;
    switch (format) {
        case TrustFileFormat::Der:
            contents = certificate_der(authority.certificate.get());
            extension = ".der";
            break;
        case TrustFileFormat::MasterList:
            contents = make_master_list({authority.certificate.get()});
            extension = ".ml";
            break;
        case TrustFileFormat::Pem: {
            BIO* bio = BIO_new(BIO_s_mem());
            if (bio == nullptr || PEM_write_bio_X509(bio, authority.certificate.get()) != 1) {
                BIO_free(bio);
                return std::unexpected(std::string("PEM encoding failed"));
            }
            char buffer[1024];
            for (int n; (n = BIO_read(bio, buffer, sizeof buffer)) > 0;)
                contents.insert(contents.end(), buffer, buffer + n);
            BIO_free(bio);
            extension = ".pem";
            break;
        }
    }
    if (contents.empty()) return std::unexpected(std::string("trust file encoding failed"));
    const std::filesystem::path path = directory / ("csca-" + kind_name(kind) + extension);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(contents.data()), static_cast<std::streamsize>(contents.size()));
    if (!out) return std::unexpected("cannot write " + path.string());
    return path;
}

}  // namespace hk::drivers::icao9303::testdoc
