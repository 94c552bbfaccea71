// The agent tests' bundle inspector: it reads a small text "bundle" instead of asking rauc (the real
// inspector is tested with real rauc bundles in rauc_bundle_test). The slots are the kiosk's own simulated
// ones.
#pragma once

#include <filesystem>
#include <string>

#include "update/simulated_slots.h"
#include "update/update_ports.h"

namespace hk::update::testing {

// "HKTEST\ncompatible=C\nversion=V\nsignature=good|none|unknown|tampered\n" then padding to `size` bytes.
std::string make_test_bundle(const std::string& compatible, const std::string& version, std::size_t size,
                             const std::string& signature = "good");

class TextBundleInspector final : public BundleInspector {
  public:
    std::expected<BundleFacts, BundleRefusal> inspect(const std::filesystem::path& bundle) override;
};

// The agent tests' configuration target: a text document "HKCONF\nversion=V\nsignature=good|bad\n" (the
// kiosk's real one, with CMS signatures and the site configuration, is tested in tests/kiosk). Busy while a
// citizen is "present"; the same document applied twice counts once, as the kiosk's does. With a state file,
// what is in force and the count of applies outlive the process (the crash test's restarts).
class TextConfigurationTarget final : public ConfigurationTarget {
  public:
    TextConfigurationTarget() = default;
    explicit TextConfigurationTarget(std::filesystem::path state_file);

    std::expected<std::string, std::string> check(const std::filesystem::path& document) override;
    std::expected<ApplyOutcome, std::string> apply(const std::filesystem::path& document) override;

    bool citizen_present = false;
    int applies = 0;  // documents put in force
    std::string in_force;

  private:
    std::filesystem::path state_file_;
};

std::string make_test_configuration(const std::string& version, const std::string& signature = "good");

using hk::update::SimulatedSlots;

}  // namespace hk::update::testing
