#include "update_doubles.h"

#include <fstream>
#include <sstream>

namespace hk::update::testing {
namespace {

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string field(const std::string& text, const std::string& key) {
    const std::string marker = "\n" + key + "=";
    const auto start = text.find(marker);
    if (start == std::string::npos) return {};
    const auto end = text.find('\n', start + marker.size());
    return text.substr(start + marker.size(), end - start - marker.size());
}

}  // namespace

std::string make_test_bundle(const std::string& compatible, const std::string& version, std::size_t size,
                             const std::string& signature) {
    std::string bundle =
        "HKTEST\ncompatible=" + compatible + "\nversion=" + version + "\nsignature=" + signature + "\n";
    for (std::size_t i = 0; bundle.size() < size; ++i) bundle += static_cast<char>('a' + i % 26);
    return bundle;
}

std::expected<BundleFacts, BundleRefusal> TextBundleInspector::inspect(const std::filesystem::path& bundle) {
    const std::string text = read_file(bundle);
    if (!text.starts_with("HKTEST\n"))
        return std::unexpected(BundleRefusal{BundleProblem::Unreadable, "not a bundle"});
    const std::string signature = field(text, "signature");
    if (signature == "none") return std::unexpected(BundleRefusal{BundleProblem::Unsigned, "no signature"});
    if (signature == "unknown") {
        return std::unexpected(BundleRefusal{BundleProblem::UnknownSigner, "signer not in keyring"});
    }
    if (signature != "good")
        return std::unexpected(BundleRefusal{BundleProblem::Tampered, "signature mismatch"});
    return BundleFacts{.compatible = field(text, "compatible"), .version = field(text, "version")};
}

std::string make_test_configuration(const std::string& version, const std::string& signature) {
    return "HKCONF\nversion=" + version + "\nsignature=" + signature + "\n";
}

TextConfigurationTarget::TextConfigurationTarget(std::filesystem::path state_file)
    : state_file_(std::move(state_file)) {
    const std::string text = read_file(state_file_);
    in_force = field(text, "in_force");
    applies = text.empty() ? 0 : std::stoi(field(text, "applies"));
}

std::expected<std::string, std::string> TextConfigurationTarget::check(
    const std::filesystem::path& document) {
    const std::string text = read_file(document);
    if (!text.starts_with("HKCONF\n")) return std::unexpected("not a configuration document");
    if (field(text, "signature") != "good") return std::unexpected("signature not trusted");
    const std::string version = field(text, "version");
    if (!in_force.empty() && version < in_force) {
        return std::unexpected("version " + version + " is older than " + in_force);
    }
    return version;
}

std::expected<ApplyOutcome, std::string> TextConfigurationTarget::apply(
    const std::filesystem::path& document) {
    auto version = check(document);
    if (!version) return std::unexpected(version.error());
    if (citizen_present) return ApplyOutcome::Busy;
    if (*version != in_force) ++applies;
    in_force = *version;
    if (!state_file_.empty()) {
        std::ofstream(state_file_) << "HKCONF-STATE\nin_force=" << in_force << "\napplies=" << applies
                                   << "\n";
    }
    return ApplyOutcome::Applied;
}

}  // namespace hk::update::testing
