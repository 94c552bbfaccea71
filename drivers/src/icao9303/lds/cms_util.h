// CMS SignedData plumbing shared by EF.SOD, CSCA master lists and the test factory (OpenSSL 3 CMS API).
#pragma once

#include <openssl/cms.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "drivers/icao9303/crypto.h"
#include "drivers/icao9303/key_handles.h"
#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303::cms {

using iso7816::Bytes;
using iso7816::ByteView;

struct CmsFree {
    void operator()(CMS_ContentInfo* cms) const noexcept { CMS_ContentInfo_free(cms); }
};
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;

// A ContentInfo of type SignedData from DER (all of `der` must be used); null otherwise.
CmsPtr parse_signed_data(ByteView der);
// The eContentType as a dotted OID.
std::optional<std::string> econtent_type(CMS_ContentInfo* cms);
// The encapsulated content as stored (not yet verified).
std::optional<Bytes> embedded_content(CMS_ContentInfo* cms);

// Clears OpenSSL's thread error queue and returns its first reason ("" if empty); the reasons are library
// texts like "bad signature", never input bytes.
std::string take_openssl_error();

// SignedData over `content` with `content_type`, one signer, its certificate included, signed attributes
// contentType, messageDigest and signingTime = `signing_time`. For the test factory.
CmsPtr sign(ByteView content, std::string_view content_type, X509* signer, EVP_PKEY* key, HashAlgorithm hash,
            std::chrono::system_clock::time_point signing_time);
Bytes to_der(CMS_ContentInfo* cms);

std::string_view hash_oid(HashAlgorithm hash);

}  // namespace hk::drivers::icao9303::cms
