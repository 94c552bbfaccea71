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

using hk::update::SimulatedSlots;

}  // namespace hk::update::testing
