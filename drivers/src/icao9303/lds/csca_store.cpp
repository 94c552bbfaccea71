#include "drivers/icao9303/csca_store.h"

#include <openssl/pem.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "cms_util.h"
#include "der.h"
#include "drivers/icao9303/sod.h"

namespace hk::drivers::icao9303 {

using iso7816::Bytes;
using iso7816::ByteView;

namespace {

struct BioFree {
    void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

std::vector<X509Ptr> read_pem_certificates(ByteView pem) {
    std::vector<X509Ptr> out;
    if (pem.size() > static_cast<std::size_t>(INT32_MAX)) return out;
    const BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return out;
    while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        out.emplace_back(certificate);
    cms::take_openssl_error();  // the loop ends on "no start line": not a problem
    return out;
}

std::optional<Bytes> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return text;
}

}  // namespace

std::expected<std::vector<X509Ptr>, LdsError> read_master_list(ByteView der) {
    const cms::CmsPtr signed_data = cms::parse_signed_data(der);
    if (!signed_data) {
        cms::take_openssl_error();
        return std::unexpected(LdsError::Malformed);
    }
    if (cms::econtent_type(signed_data.get()) != oid::kCscaMasterList)
        return std::unexpected(LdsError::WrongTag);
    // The signature over the list, by the signer certificate carried in it (see the header on trust).
    BioPtr out(BIO_new(BIO_s_mem()));
    if (!out || CMS_verify(signed_data.get(), nullptr, nullptr, nullptr, out.get(),
                           CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
        cms::take_openssl_error();
        return std::unexpected(LdsError::Crypto);
    }
    const auto content = cms::embedded_content(signed_data.get());
    if (!content) return std::unexpected(LdsError::Malformed);

    const auto list = der::expect_whole(*content, der::kSequence);
    const auto fields = list ? der::children(list->value) : std::nullopt;
    if (!fields || fields->size() != 2 || (*fields)[0].tag != der::kInteger || (*fields)[1].tag != der::kSet)
        return std::unexpected(LdsError::Malformed);
    const auto entries = der::children((*fields)[1].value);
    if (!entries) return std::unexpected(LdsError::Malformed);
    std::vector<X509Ptr> certificates;
    for (const iso7816::Tlv& entry : *entries) {
        X509Ptr certificate = certificate_from_der(entry.whole);
        if (!certificate) {
            cms::take_openssl_error();
            return std::unexpected(LdsError::Malformed);
        }
        certificates.push_back(std::move(certificate));
    }
    return certificates;
}

bool CscaStore::add_certificate(ByteView der_or_pem) {
    if (X509Ptr certificate = certificate_from_der(der_or_pem)) {
        certificates_.push_back(std::move(certificate));
        return true;
    }
    cms::take_openssl_error();
    std::vector<X509Ptr> pem = read_pem_certificates(der_or_pem);
    if (pem.empty()) return false;
    for (X509Ptr& certificate : pem) certificates_.push_back(std::move(certificate));
    return true;
}

std::expected<std::size_t, LdsError> CscaStore::add_master_list(ByteView der) {
    auto certificates = read_master_list(der);
    if (!certificates) return std::unexpected(certificates.error());
    const std::size_t count = certificates->size();
    for (X509Ptr& certificate : *certificates) certificates_.push_back(std::move(certificate));
    return count;
}

std::expected<CscaStore, std::string> CscaStore::load_directory(const std::filesystem::path& directory) {
    std::error_code error;
    std::filesystem::directory_iterator it(directory, error);
    if (error) return std::unexpected("trust directory cannot be read: " + error.message());
    std::vector<std::filesystem::path> files;
    for (const auto& entry : it)
        if (entry.is_regular_file(error)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // the same order on every kiosk, for diagnostics

    CscaStore store;
    for (const std::filesystem::path& path : files) {
        const std::string extension = lower(path.extension().string());
        const std::string name = path.filename().string();
        const bool certificate =
            extension == ".pem" || extension == ".crt" || extension == ".cer" || extension == ".der";
        if (!certificate && extension != ".ml") continue;
        const auto bytes = read_file(path);
        if (!bytes) {
            store.problems_.push_back(name + ": cannot be read");
            continue;
        }
        if (certificate) {
            if (!store.add_certificate(*bytes)) store.problems_.push_back(name + ": no certificate");
        } else if (const auto added = store.add_master_list(*bytes); !added) {
            store.problems_.push_back(name + ": master list " + std::string(to_string(added.error())));
        }
    }
    return store;
}

}  // namespace hk::drivers::icao9303
