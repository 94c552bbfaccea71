#include "icao_lds_entry.h"

#include <exception>

#include "drivers/icao9303/dg15.h"
#include "drivers/icao9303/dg1_mrz.h"
#include "drivers/icao9303/dg2_face.h"
#include "drivers/icao9303/passive_authentication.h"
#include "drivers/icao9303/security_infos.h"
#include "drivers/icao9303/sod.h"

namespace hk::drivers::icao9303::fuzz {

namespace {

// Image decoding is the slowest step; a fuzzer gains little from decoding large images again and again.
constexpr std::size_t kLargestImageToDecode = 64 * 1024;

std::string check_passive(iso7816::ByteView input, const CscaStore& trust,
                          const std::map<int, iso7816::Bytes>& data_groups) {
    const PassiveAuthenticationResult result = verify_passive_authentication(input, data_groups, trust);
    const bool any_failed = result.signature == CheckOutcome::Failed ||
                            result.chain == CheckOutcome::Failed ||
                            result.data_groups == CheckOutcome::Failed;
    const bool all_passed = result.signature == CheckOutcome::Passed &&
                            result.chain == CheckOutcome::Passed &&
                            result.data_groups == CheckOutcome::Passed;
    if (any_failed != (result.overall == CheckOutcome::Failed))
        return "overall does not follow a failed step";
    if (all_passed != (result.overall == CheckOutcome::Passed)) return "overall does not follow the steps";
    if (result.overall != CheckOutcome::Passed) {
        if (result.reasons.empty()) return "a check that did not pass gives no reason";
        return "";
    }
    if (!result.reasons.empty()) return "a passed check gives reasons";
    const auto sod = read_sod_unverified(input);
    if (!sod || !sod->hash_algorithm) return "passed on an SOD that does not read";
    for (const auto& [number, file] : data_groups) {
        const DataGroupHash* expected = sod->find(number);
        if (expected == nullptr || digest(*sod->hash_algorithm, file) != expected->hash)
            return "passed with DG" + std::to_string(number) + " not matching the SOD";
    }
    return "";
}

std::string check_dg1(iso7816::ByteView input) {
    const auto mrz = parse_dg1(input);
    if (!mrz) return "";
    if (mrz->checks.all_valid() != mrz->checks.failed().empty())
        return "DG1 check digit summary inconsistent";
    if (mrz->document_number.size() > 30 || mrz->surname.size() > 44) return "DG1 field longer than its line";
    return "";
}

std::string check_dg2(iso7816::ByteView input) {
    const auto images = parse_dg2(input);
    if (!images) return "";
    if (images->empty()) return "DG2 parsed without an image";
    for (const FaceImage& image : *images) {
        if (image.data.empty() || image.data.size() >= input.size()) return "DG2 image outside its file";
        if (image.data.size() > kLargestImageToDecode) continue;
        const auto face = decode_face(image);
        if (!face) continue;
        if (face->width <= 0 || face->height <= 0 ||
            face->pixels.size() != static_cast<std::size_t>(face->width) *
                                       static_cast<std::size_t>(face->height) *
                                       static_cast<std::size_t>(face->channels))
            return "decoded face size inconsistent";
    }
    return "";
}

std::string check_security_infos(iso7816::ByteView input) {
    for (const auto& infos : {parse_dg14(input), parse_security_infos(input)}) {
        if (!infos) continue;
        for (const ChipAuthenticationPublicKeyInfo& key : infos->chip_authentication_keys)
            if (key.subject_public_key_info.empty()) return "CA public key info without a key";
        // The key must be usable or refused, never crash OpenSSL.
        for (const ChipAuthenticationPublicKeyInfo& key : infos->chip_authentication_keys)
            (void)public_key_from_der(key.subject_public_key_info);
    }
    return "";
}

std::string check_dg15(iso7816::ByteView input) {
    const auto key = parse_dg15(input);
    if (!key) return "";
    if (!*key) return "DG15 parsed to a null key";
    const int type = EVP_PKEY_get_base_id(key->get());
    if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC) return "DG15 key neither RSA nor EC";
    return "";
}

}  // namespace

std::string check_icao_lds(iso7816::ByteView input, const CscaStore& trust,
                           const std::map<int, iso7816::Bytes>& data_groups) {
    try {
        for (const auto& check : {check_passive(input, trust, data_groups), check_dg1(input),
                                  check_dg2(input), check_security_infos(input), check_dg15(input)})
            if (!check.empty()) return check;
        return "";
    } catch (const std::exception& error) {
        return std::string("exception: ") + error.what();
    }
}

}  // namespace hk::drivers::icao9303::fuzz
