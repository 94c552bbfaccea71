// The test document factory: every LDS file of a document, then EF.SOD over them, then the knobs.
#include "drivers/icao9303/test_document.h"

#include <openssl/cms.h>

#include <algorithm>

#include "cms_util.h"
#include "drivers/icao9303/dg11_dg12.h"
#include "drivers/icao9303/dg15.h"
#include "drivers/icao9303/ef_com.h"
#include "drivers/icao9303/lds_files.h"
#include "drivers/icao9303/sod.h"
#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303::testdoc {

namespace {

// Slots of the chip's own keys in the key cache (test_pki.cpp uses 0-3 for the PKI).
constexpr int kChipAuthenticationSlot = 10;
constexpr int kActiveAuthenticationSlot = 11;

std::string field(std::string text, std::size_t width) {
    for (char& c : text)
        if (c == ' ') c = '<';
    text.resize(width, '<');
    return text;
}

std::string digit(std::string_view text) {
    return std::string(1, mrz_check_digit(text).value_or('0'));
}

std::string name_field(const MrzFields& fields, std::size_t width) {
    return field(fields.surname + "<<" + fields.given_names, width);
}

std::string compose_td1(const MrzFields& f) {
    std::string number = f.document_number;
    std::string line1 = field(f.document_code, 2) + field(f.issuing_state, 3);
    if (number.size() >
        9) {  // 9303-5 §4.2.2 note j: nine characters, '<', the rest + check digit in optional
        line1 +=
            number.substr(0, 9) + "<" + field(number.substr(9) + digit(number) + "<" + f.optional_data, 15);
    } else {
        const std::string padded = field(number, 9);
        line1 += padded + digit(padded) + field(f.optional_data, 15);
    }
    const std::string birth = f.birth_date + digit(f.birth_date);
    const std::string expiry = f.expiry_date + digit(f.expiry_date);
    std::string line2 =
        birth + field(f.sex, 1) + expiry + field(f.nationality, 3) + field(f.optional_data_2, 11);
    line2 += digit(line1.substr(5, 25) + line2.substr(0, 7) + line2.substr(8, 7) + line2.substr(18, 11));
    return line1 + line2 + name_field(f, 30);
}

std::string compose_two_line(const MrzFields& f, std::size_t width) {
    const std::string line1 =
        field(f.document_code, 2) + field(f.issuing_state, 3) + name_field(f, width - 5);
    const std::string number = field(f.document_number.substr(0, 9), 9);
    std::string line2 = number + digit(number) + field(f.nationality, 3) + f.birth_date +
                        digit(f.birth_date) + field(f.sex, 1) + f.expiry_date + digit(f.expiry_date);
    if (width == 44) {
        const std::string personal = field(f.optional_data, 14);
        line2 += personal + digit(personal);
        line2 += digit(line2.substr(0, 10) + line2.substr(13, 7) + line2.substr(21, 22));
    } else {
        line2 += field(f.optional_data, 7);
        line2 += digit(line2.substr(0, 10) + line2.substr(13, 7) + line2.substr(21, 14));
    }
    return line1 + line2;
}

Bytes text_bytes(std::string_view text) {
    return Bytes(text.begin(), text.end());
}

// Changes the document after signing: DG1 gets another first letter of the surname (what a forger would
// do: check digits do not cover the name); any other DG its last byte.
void tamper(Bytes& file, int data_group, const std::string& surname) {
    if (data_group == 1 && !surname.empty()) {
        const Bytes needle = text_bytes(surname);
        const auto at = std::search(file.begin(), file.end(), needle.begin(), needle.end());
        if (at != file.end()) {
            *at = *at == 'X' ? 'Y' : 'X';
            return;
        }
    }
    if (!file.empty()) file.back() ^= 0x01;
}

Bytes sign_sod(const Bytes& security_object, const TestDocumentOptions& options,
               const TestCertificate& signer) {
    const cms::CmsPtr signed_data =
        cms::sign(security_object, oid::kLdsSecurityObject, signer.certificate.get(),
                  signer.private_key.get(), options.sod_hash, signing_time(options.ds_validity));
    if (!signed_data) return {};
    if (options.bad_signature) {
        CMS_SignerInfo* info = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(signed_data.get()), 0);
        ASN1_OCTET_STRING* signature = CMS_SignerInfo_get0_signature(info);
        const unsigned char* data = ASN1_STRING_get0_data(signature);
        Bytes changed(data, data + ASN1_STRING_length(signature));
        if (changed.size() > 10) changed[changed.size() / 2] ^= 0x5A;
        ASN1_STRING_set(signature, changed.data(), static_cast<int>(changed.size()));
    }
    return iso7816::encode_tlv(lds_tag::kSod, cms::to_der(signed_data.get()));
}

}  // namespace

std::string compose_mrz(const MrzFields& fields) {
    switch (fields.format) {
        case MrzFormat::Td1:
            return compose_td1(fields);
        case MrzFormat::Td2:
            return compose_two_line(fields, 36);
        case MrzFormat::Td3:
            return compose_two_line(fields, 44);
    }
    return {};
}

const Bytes* TestDocument::file(std::uint16_t fid) const {
    const auto it = files.find(fid);
    return it == files.end() ? nullptr : &it->second;
}

std::map<int, Bytes> TestDocument::data_groups() const {
    std::map<int, Bytes> out;
    for (const auto& [fid, bytes] : files)
        if (const auto number = data_group_from_fid(fid)) out[*number] = bytes;
    return out;
}

ChipAccessKey TestDocument::access_key() const {
    const auto parsed = parse_mrz(mrz);
    return parsed ? parsed->access_key() : ChipAccessKey{};
}

std::expected<TestDocument, std::string> make_test_document(const TestDocumentOptions& options) {
    TestDocument document;
    document.mrz = compose_mrz(options.mrz);
    std::map<int, Bytes> groups;
    groups[1] = encode_dg1(document.mrz);

    FaceImage face;
    face.format = options.face_format;
    face.declared_width = static_cast<std::uint16_t>(options.face_width);
    face.declared_height = static_cast<std::uint16_t>(options.face_height);
    face.data =
        make_face_image(options.face_format, options.face_bytes, options.face_width, options.face_height);
    if (face.data.empty()) return std::unexpected(std::string("face image encoding failed"));
    groups[2] = encode_dg2(face);

    if (options.dg11) {
        AdditionalPersonalDetails details;
        details.full_name = PersonalString(options.mrz.surname + "<<" + options.mrz.given_names);
        details.personal_number = PersonalString(options.mrz.optional_data);
        details.full_birth_date = PersonalString("19" + options.mrz.birth_date);
        details.place_of_birth = PersonalString("ZENITH,UTOPIA");
        details.address = PersonalString("123 MAPLE RD<ANYTOWN<UTOPIA");
        groups[11] = encode_dg11(details);
    }
    if (options.dg12) {
        AdditionalDocumentDetails details;
        details.issuing_authority = "UTOPIA PASSPORT OFFICE";
        details.date_of_issue = "20240415";
        groups[12] = encode_dg12(details);
    }

    std::vector<Bytes> dg14;
    if (options.chip_authentication != CaKey::None) {
        const bool ec = options.chip_authentication == CaKey::EcdhP256;
        document.chip_authentication_key =
            cached_key(ec ? KeyKind::EcP256 : KeyKind::Dh2048, kChipAuthenticationSlot);
        if (!document.chip_authentication_key)
            return std::unexpected(std::string("CA key generation failed"));
        dg14.push_back(encode_chip_authentication_public_key_info(
            {std::string(ec ? oid::kIdPkEcdh : oid::kIdPkDh),
             public_key_der(document.chip_authentication_key.get()), std::nullopt}));
        dg14.push_back(encode_chip_authentication_info(
            {std::string(ec ? oid::kIdCaEcdhAes128 : oid::kIdCaDhAes128), 1, std::nullopt}));
    }
    if (options.active_authentication != AaKey::None) {
        const KeyKind kind = options.active_authentication == AaKey::EcP256    ? KeyKind::EcP256
                             : options.active_authentication == AaKey::Rsa2048 ? KeyKind::Rsa2048
                                                                               : KeyKind::Rsa1024;
        document.active_authentication_key = cached_key(kind, kActiveAuthenticationSlot);
        if (!document.active_authentication_key)
            return std::unexpected(std::string("AA key generation failed"));
        groups[15] = encode_dg15(document.active_authentication_key.get());
        if (kind == KeyKind::EcP256) {
            static constexpr std::string_view kAlgorithms[] = {oid::kEcdsaWithSha1, oid::kEcdsaWithSha224,
                                                               oid::kEcdsaWithSha256, oid::kEcdsaWithSha384,
                                                               oid::kEcdsaWithSha512};
            dg14.push_back(encode_active_authentication_info(
                {1, std::string(kAlgorithms[static_cast<std::size_t>(options.aa_ecdsa_hash)])}));
        }
    }
    if (options.card_access) {
        const Bytes pace = encode_pace_security_info({options.pace_protocol, 2, options.pace_parameter_id});
        document.files[fid::kCardAccess] = encode_security_infos({pace});
        dg14.push_back(pace);
    }
    if (!dg14.empty()) groups[14] = encode_dg14(std::move(dg14));

    EfCom com{"0107", "040000", {}};
    for (const auto& [number, file] : groups) com.tags.push_back(*data_group_tag(number));
    document.files[fid::kCom] = encode_ef_com(com);

    const TestCertificate signer = document_signer(options.csca, options.csca_key, options.ds_validity);
    const TestCertificate authority = csca(options.csca, options.csca_key);
    if (!signer.certificate || !authority.certificate) return std::unexpected(std::string("test PKI failed"));
    document.csca_certificate = certificate_der(authority.certificate.get());
    document.document_signer_certificate = certificate_der(signer.certificate.get());
    const Bytes sod = sign_sod(encode_lds_security_object(options.sod_hash, groups), options, signer);
    if (sod.empty()) return std::unexpected("EF.SOD signing failed: " + cms::take_openssl_error());
    document.files[fid::kSod] = sod;

    if (options.tampered_data_group) {
        const auto it = groups.find(*options.tampered_data_group);
        if (it == groups.end())
            return std::unexpected(std::string("the DG to tamper with is not in the document"));
        tamper(it->second, it->first, options.mrz.surname);
    }
    for (auto& [number, file] : groups) document.files[*data_group_fid(number)] = std::move(file);
    return document;
}

}  // namespace hk::drivers::icao9303::testdoc
