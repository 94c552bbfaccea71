// Test documents: a whole e-passport's files, signed through a real CSCA -> document signer chain made with
// OpenSSL 3, with the private keys its chip needs, and knobs that break exactly one thing (a data group
// changed after signing, a bad SOD signature, a DS from a CSCA nobody trusts, an expired DS). Used by the
// unit tests, the card simulator, the demo and the benchmark; never by the appliance itself.
//
// Keys and certificates are generated once per process and cached (RSA generation takes a while), so two
// documents made with the same options share their PKI; the face image is cached per format and size.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "drivers/chip_reader.h"
#include "drivers/icao9303/crypto.h"
#include "drivers/icao9303/dg1_mrz.h"
#include "drivers/icao9303/dg2_face.h"
#include "drivers/icao9303/key_handles.h"
#include "drivers/icao9303/security_infos.h"

namespace hk::drivers::icao9303::testdoc {

enum class KeyKind : std::uint8_t { EcP256, Rsa1024, Rsa2048, Dh2048 };  // Dh2048: RFC 5114 2048/224 group
// The same (kind, slot) gives the same key for the life of the process; another slot, another key.
EvpPkeyPtr cached_key(KeyKind kind, int slot = 0);

enum class CscaChoice : std::uint8_t { Trusted, Unknown };  // Unknown: never written to a trust directory
enum class DsValidity : std::uint8_t {
    Current,              // valid now, signed a day ago
    ExpiredSinceSigning,  // expired two years ago, signed while valid: passive authentication passes
    SignedAfterExpiry,    // expired two years ago, signed yesterday: the chain fails
};

struct TestCertificate {
    X509Ptr certificate;
    EvpPkeyPtr private_key;
};
TestCertificate csca(CscaChoice which = CscaChoice::Trusted, KeyKind kind = KeyKind::EcP256);
TestCertificate document_signer(CscaChoice issuer = CscaChoice::Trusted, KeyKind csca_kind = KeyKind::EcP256,
                                DsValidity validity = DsValidity::Current);
std::chrono::system_clock::time_point signing_time(DsValidity validity);

enum class TrustFileFormat : std::uint8_t { Pem, Der, MasterList };
// Writes the trusted CSCA of `kind` into `directory` (created if needed) as csca-<kind>.pem / .der / .ml and
// returns the file's path.
std::expected<std::filesystem::path, std::string> write_trust_file(const std::filesystem::path& directory,
                                                                   TrustFileFormat format,
                                                                   KeyKind kind = KeyKind::EcP256);
// A CSCA master list (9303-12 §8) of `certificates`, signed by a master list signer under the trusted
// EC CSCA.
Bytes make_master_list(const std::vector<const X509*>& certificates);

struct MrzFields {
    MrzFormat format = MrzFormat::Td3;
    std::string document_code = "P";
    std::string issuing_state = "UTO";
    std::string surname = "ERIKSSON";
    std::string given_names = "ANNA MARIA";
    std::string document_number = "L898902C3";  // TD1 may be longer than 9 (overflow into optional data)
    std::string nationality = "UTO";
    std::string birth_date = "740812";
    std::string sex = "F";
    std::string expiry_date = "340415";       // the specimen's 120415 moved to the future
    std::string optional_data = "ZE184226B";  // TD3 personal number / TD1 line 1 optional data
    std::string optional_data_2;              // TD1 line 2
};
// The MRZ text, lines concatenated without breaks, every check digit computed.
std::string compose_mrz(const MrzFields& fields);

enum class CaKey : std::uint8_t { None, EcdhP256, Dh2048 };
enum class AaKey : std::uint8_t { None, Rsa1024, Rsa2048, EcP256 };

struct TestDocumentOptions {
    MrzFields mrz;
    FaceImageFormat face_format = FaceImageFormat::Jpeg;
    std::size_t face_bytes = 20 * 1024;  // JPEG: exactly (a comment segment pads it); JPEG 2000: at most
    int face_width = 480;
    int face_height = 640;
    bool dg11 = true;
    bool dg12 = true;
    CaKey chip_authentication =
        CaKey::EcdhP256;  // DG14 ChipAuthenticationPublicKeyInfo + ChipAuthenticationInfo
    AaKey active_authentication = AaKey::Rsa1024;  // DG15 (+ DG14 ActiveAuthenticationInfo when EC)
    HashAlgorithm aa_ecdsa_hash = HashAlgorithm::Sha256;
    bool card_access = true;  // EF.CardAccess with one PACEInfo (also copied into DG14)
    std::string pace_protocol = std::string(oid::kIdPaceEcdhGmAes128);
    int pace_parameter_id = 12;  // NIST P-256 (9303-11 §9.5.1); 13 brainpoolP256r1
    HashAlgorithm sod_hash = HashAlgorithm::Sha256;
    KeyKind csca_key = KeyKind::EcP256;  // EcP256 or Rsa2048
    // Knobs, each breaking one thing:
    CscaChoice csca = CscaChoice::Trusted;
    DsValidity ds_validity = DsValidity::Current;
    bool bad_signature = false;              // one byte of the SOD's signature flipped
    std::optional<int> tampered_data_group;  // this DG changed after the SOD was signed
};

struct TestDocument {
    std::map<std::uint16_t, Bytes>
        files;        // file identifier -> whole file (EF.COM, EF.SOD, DGs, EF.CardAccess)
    std::string mrz;  // as in DG1
    EvpPkeyPtr active_authentication_key;  // private; null without AA
    EvpPkeyPtr chip_authentication_key;    // private; null without CA
    Bytes csca_certificate;                // DER
    Bytes document_signer_certificate;     // DER

    [[nodiscard]] const Bytes* file(std::uint16_t fid) const;
    // DG number -> file, as passive authentication wants them.
    [[nodiscard]] std::map<int, Bytes> data_groups() const;
    [[nodiscard]] ChipAccessKey access_key() const;
};

std::expected<TestDocument, std::string> make_test_document(const TestDocumentOptions& options = {});

// A generated face-like picture (deterministic) encoded as JPEG or JPEG 2000 at about `bytes` (see
// TestDocumentOptions::face_bytes); empty on failure.
Bytes make_face_image(FaceImageFormat format, std::size_t bytes, int width, int height);

}  // namespace hk::drivers::icao9303::testdoc
