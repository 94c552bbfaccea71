#include "pki.h"

#include <fstream>
#include <sstream>

namespace hk::central {
namespace {

std::expected<std::string, std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::unexpected("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string trimmed(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

PkiFiles pki_files(const std::filesystem::path& dir) {
    return PkiFiles{dir / "ca.pem", dir / "server.pem", dir / "server.key", dir / "signing.key",
                    dir / "signing.kid"};
}

std::expected<void, std::string> check_pki(const PkiFiles& files) {
    for (const auto* path :
         {&files.ca, &files.server_cert, &files.server_key, &files.signing_key, &files.signing_kid}) {
        if (!std::ifstream(*path)) return std::unexpected("cannot read " + path->string());
    }
    return {};
}

std::expected<std::unique_ptr<ProofSigner>, std::string> load_signer(const PkiFiles& files) {
    auto key = read_file(files.signing_key);
    if (!key) return std::unexpected(key.error());
    auto kid = read_file(files.signing_kid);
    if (!kid) return std::unexpected(kid.error());
    auto signer = make_es256_signer(*key, trimmed(*kid));
    if (!signer) return std::unexpected(files.signing_key.string() + ": " + signer.error());
    return signer;
}

}  // namespace hk::central
