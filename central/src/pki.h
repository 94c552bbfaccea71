// The files central-ref needs from a PKI folder made by tools/dev-pki.sh (or laid out the same way in
// production).
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

#include "signer.h"

namespace hk::central {

struct PkiFiles {
    std::filesystem::path ca;           // ca.pem: verifies kiosks' client certificates
    std::filesystem::path server_cert;  // server.pem
    std::filesystem::path server_key;   // server.key
    std::filesystem::path signing_key;  // signing.key: signs certificate proofs
    std::filesystem::path signing_kid;  // signing.kid: the key id printed in proofs
};

PkiFiles pki_files(const std::filesystem::path& dir);

// Every file exists and is readable; the message names the first that is not.
std::expected<void, std::string> check_pki(const PkiFiles& files);

std::expected<std::unique_ptr<ProofSigner>, std::string> load_signer(const PkiFiles& files);

}  // namespace hk::central
