#include "drivers/icao9303/passive_authentication.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include <ctime>

#include "cms_util.h"
#include "drivers/icao9303/sod.h"

namespace hk::drivers::icao9303 {

using iso7816::Bytes;
using iso7816::ByteView;

std::string PassiveAuthenticationResult::reason() const {
    std::string out;
    for (const std::string& r : reasons) out += (out.empty() ? "" : "; ") + r;
    return out;
}

void PassiveAuthenticationResult::apply_to(ChipAuthentication& authentication) const {
    authentication.passive = overall;
    if (overall == CheckOutcome::Passed) return;
    const std::string text = "passive authentication: " + reason();
    authentication.reason += (authentication.reason.empty() ? "" : "; ") + text;
}

namespace {

constexpr auto kClockSlack = std::chrono::hours(24);

struct BioFree {
    void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
struct StoreFree {
    void operator()(X509_STORE* store) const noexcept { X509_STORE_free(store); }
};
struct StoreCtxFree {
    void operator()(X509_STORE_CTX* context) const noexcept { X509_STORE_CTX_free(context); }
};
// A stack holding its certificates (CMS_get1_certs) or only pointing at them (everything else here).
struct OwningStackFree {
    void operator()(STACK_OF(X509) * stack) const noexcept { sk_X509_pop_free(stack, X509_free); }
};
struct NonOwningStackFree {
    void operator()(STACK_OF(X509) * stack) const noexcept { sk_X509_free(stack); }
};
using OwningStack = std::unique_ptr<STACK_OF(X509), OwningStackFree>;
using CertStack = std::unique_ptr<STACK_OF(X509), NonOwningStackFree>;

CheckOutcome combine(std::initializer_list<CheckOutcome> steps) {
    bool not_possible = false;
    for (const CheckOutcome step : steps) {
        if (step == CheckOutcome::Failed) return CheckOutcome::Failed;
        not_possible = not_possible || step == CheckOutcome::NotPossible;
    }
    return not_possible ? CheckOutcome::NotPossible : CheckOutcome::Passed;
}

// The signingTime signed attribute of the first signer (RFC 5652 §11.3), if present and readable.
std::optional<std::time_t> signing_time(CMS_ContentInfo* cms) {
    STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms);
    if (signers == nullptr || sk_CMS_SignerInfo_num(signers) < 1) return std::nullopt;
    CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
    const int index = CMS_signed_get_attr_by_NID(signer, NID_pkcs9_signingTime, -1);
    if (index < 0) return std::nullopt;
    X509_ATTRIBUTE* attribute = CMS_signed_get_attr(signer, index);
    ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attribute, 0);
    if (value == nullptr || (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME))
        return std::nullopt;
    std::tm parts{};
    if (ASN1_TIME_to_tm(value->value.utctime, &parts) != 1) return std::nullopt;
    return timegm(&parts);
}

CertStack trust_certificates(const CscaStore& trust) {
    CertStack stack(sk_X509_new_null());
    if (!stack) return nullptr;
    for (const X509Ptr& certificate : trust.certificates()) sk_X509_push(stack.get(), certificate.get());
    return stack;
}

class Verifier {
  public:
    Verifier(const std::map<int, Bytes>& data_groups, const CscaStore& trust,
             std::chrono::system_clock::time_point check_time)
        : data_groups_(data_groups), trust_(trust), check_time_(check_time) {}

    PassiveAuthenticationResult run(ByteView ef_sod) {
        const auto content_info = unwrap_sod(ef_sod);
        if (!content_info) return fail_all("EF.SOD is not a security object file");
        const cms::CmsPtr cms = cms::parse_signed_data(*content_info);
        if (!cms) return fail_all("EF.SOD holds no readable CMS SignedData");
        if (cms::econtent_type(cms.get()) != oid::kLdsSecurityObject)
            return fail_all("EF.SOD content is not an LDS security object");

        const std::optional<Bytes> content = verify_signature(cms.get());
        if (content) {
            auto sod = parse_lds_security_object(*content);
            if (!sod) {
                result_.signature = CheckOutcome::Failed;
                result_.reasons.emplace_back("signed LDS security object is malformed");
            } else {
                check_data_groups(*sod);
            }
        } else if (auto unverified = read_sod_unverified(ef_sod)) {
            check_data_groups(*unverified);  // still say which DGs match: useful to a technician
        }
        if (result_.signature == CheckOutcome::Passed) check_chain(cms.get());
        result_.overall = combine({result_.signature, result_.chain, result_.data_groups});
        cms::take_openssl_error();
        return result_;
    }

  private:
    PassiveAuthenticationResult fail_all(const char* why) {
        cms::take_openssl_error();
        result_.signature = CheckOutcome::Failed;
        result_.overall = CheckOutcome::Failed;
        result_.reasons.emplace_back(why);
        return result_;
    }

    std::optional<Bytes> verify_signature(CMS_ContentInfo* cms) {
        // Signer certificates are looked for in the SOD and then the trust store (a few issuers leave the DS
        // certificate out of the SOD and publish it separately). Only the signature is checked here; the
        // chain is check_chain's job, at the right time.
        const CertStack extra = trust_certificates(trust_);
        const std::unique_ptr<BIO, BioFree> out(BIO_new(BIO_s_mem()));
        if (!extra || !out) {
            result_.reasons.emplace_back("out of memory");
            return std::nullopt;
        }
        ERR_clear_error();
        if (CMS_verify(cms, extra.get(), nullptr, nullptr, out.get(),
                       CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
            const unsigned long error = ERR_peek_error();
            if (ERR_GET_LIB(error) == ERR_LIB_CMS &&
                ERR_GET_REASON(error) == CMS_R_SIGNER_CERTIFICATE_NOT_FOUND) {
                result_.signature = CheckOutcome::NotPossible;
                result_.reasons.emplace_back(
                    "document signer certificate is neither in EF.SOD nor in the trust store");
            } else {
                result_.signature = CheckOutcome::Failed;
                result_.reasons.push_back("EF.SOD signature does not verify (" + cms::take_openssl_error() +
                                          ")");
            }
            cms::take_openssl_error();
            return std::nullopt;
        }
        result_.signature = CheckOutcome::Passed;
        Bytes content;
        char buffer[4096];
        for (int n; (n = BIO_read(out.get(), buffer, sizeof buffer)) > 0;)
            content.insert(content.end(), buffer, buffer + n);
        return content;
    }

    void check_chain(CMS_ContentInfo* cms) {
        if (trust_.empty()) {
            result_.chain = CheckOutcome::NotPossible;
            result_.reasons.emplace_back("trust store holds no CSCA certificate");
            return;
        }
        // CMS_verify left the signer certificates it used in the SignerInfos.
        const CertStack signers(CMS_get0_signers(cms));
        const OwningStack sod_certificates(CMS_get1_certs(cms));
        if (!signers || sk_X509_num(signers.get()) < 1) {
            result_.chain = CheckOutcome::Failed;
            result_.reasons.emplace_back("no document signer certificate");
            return;
        }
        const std::time_t check = std::chrono::system_clock::to_time_t(check_time_);
        std::time_t at = check;
        if (const auto signed_at = signing_time(cms)) {
            if (*signed_at > std::chrono::system_clock::to_time_t(check_time_ + kClockSlack)) {
                result_.chain = CheckOutcome::Failed;
                result_.reasons.emplace_back("EF.SOD signing time is in the future");
                return;
            }
            at = *signed_at;
            result_.validation_time = ValidationTime::SigningTime;
        }

        const std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
        const std::unique_ptr<X509_STORE_CTX, StoreCtxFree> context(X509_STORE_CTX_new());
        if (!store || !context) {
            result_.reasons.emplace_back("out of memory");
            return;
        }
        for (const X509Ptr& certificate : trust_.certificates())
            X509_STORE_add_cert(store.get(), certificate.get());
        ERR_clear_error();  // X509_STORE_add_cert complains about duplicates; harmless
        for (int i = 0; i < sk_X509_num(signers.get()); ++i) {
            X509* signer = sk_X509_value(signers.get(), i);
            // Untrusted intermediates (link certificates) may come with the SOD; the anchor must be ours.
            if (X509_STORE_CTX_init(context.get(), store.get(), signer, sod_certificates.get()) != 1) {
                result_.chain = CheckOutcome::Failed;
                result_.reasons.emplace_back("certificate chain cannot be set up");
                return;
            }
            X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(context.get()), at);
            const int verified = X509_verify_cert(context.get());
            const int error = X509_STORE_CTX_get_error(context.get());
            X509_STORE_CTX_cleanup(context.get());
            if (verified != 1) {
                result_.chain = CheckOutcome::Failed;
                const bool unknown = error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
                                     error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ||
                                     error == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT ||
                                     error == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN;
                result_.reasons.push_back(unknown
                                              ? std::string("document signer is not issued by a trusted CSCA")
                                              : std::string("document signer certificate chain fails (") +
                                                    X509_verify_cert_error_string(error) + ")");
                return;
            }
        }
        result_.chain = CheckOutcome::Passed;
    }

    void check_data_groups(const LdsSecurityObject& sod) {
        result_.hash_algorithm = sod.hash_algorithm;
        if (!sod.hash_algorithm) {
            result_.data_groups = CheckOutcome::Failed;
            result_.reasons.emplace_back("EF.SOD uses an unsupported hash algorithm");
            return;
        }
        if (data_groups_.empty()) {
            result_.data_groups = CheckOutcome::NotPossible;
            result_.reasons.emplace_back("no data group to compare with EF.SOD");
            return;
        }
        result_.data_groups = CheckOutcome::Passed;
        for (const auto& [number, file] : data_groups_) {
            DataGroupHashCheck check{number, CheckOutcome::Passed};
            const DataGroupHash* expected = sod.find(number);
            if (expected == nullptr) {
                check.outcome = CheckOutcome::Failed;
                result_.reasons.push_back("DG" + std::to_string(number) + " is not listed in EF.SOD");
            } else if (digest(*sod.hash_algorithm, file) != expected->hash) {
                check.outcome = CheckOutcome::Failed;
                result_.reasons.push_back("DG" + std::to_string(number) + " hash does not match EF.SOD");
            }
            if (check.outcome == CheckOutcome::Failed) result_.data_groups = CheckOutcome::Failed;
            result_.data_group_checks.push_back(check);
        }
    }

    const std::map<int, Bytes>& data_groups_;
    const CscaStore& trust_;
    std::chrono::system_clock::time_point check_time_;
    PassiveAuthenticationResult result_;
};

}  // namespace

PassiveAuthenticationResult verify_passive_authentication(ByteView ef_sod,
                                                          const std::map<int, Bytes>& data_groups,
                                                          const CscaStore& trust,
                                                          std::chrono::system_clock::time_point check_time) {
    return Verifier(data_groups, trust, check_time).run(ef_sod);
}

}  // namespace hk::drivers::icao9303
