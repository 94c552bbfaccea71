// The BundleInspector the kiosk uses: Debian's real `rauc info --keyring=K --output-format=json BUNDLE`, so
// the signature is checked by the same code and the same keyring that will install the bundle, not by a
// second CMS implementation of ours that could disagree with it. rauc runs as a child process (argv, no
// shell) with its output on pipes and a time limit; its exit status and stderr are mapped to a BundleProblem.
//
// What `rauc info` checks (rauc 1.8, seen by experiment): for a verity bundle, the CMS signature, which holds
// the manifest and the payload's dm-verity root hash. It does not read the payload, so a byte changed in the
// squashfs part still passes here; RAUC finds it when it installs (dm-verity) or extracts ("bundle payload is
// corrupted"). Nothing is mounted and no temporary file is written, so neither root nor TMPDIR is needed.
#pragma once

#include <chrono>
#include <expected>
#include <filesystem>

#include "update_ports.h"

namespace hk::update {

class RaucBundleInspector final : public BundleInspector {
  public:
    // `keyring`: the update CA(s), PEM. `rauc`: the executable, looked up in PATH when it has no slash.
    // `time_limit`: how long rauc may run before it is killed and the bundle counts as unreadable.
    explicit RaucBundleInspector(std::filesystem::path keyring, std::filesystem::path rauc = "rauc",
                                 std::chrono::milliseconds time_limit = std::chrono::seconds(60));

    std::expected<BundleFacts, BundleRefusal> inspect(const std::filesystem::path& bundle) noexcept override;

  private:
    std::filesystem::path keyring_;
    std::filesystem::path rauc_;
    std::chrono::milliseconds time_limit_;
};

}  // namespace hk::update
