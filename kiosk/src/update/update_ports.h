// What the update agent needs from the world, as interfaces: the rollout server (hawkBit DDI), the bundle
// checker (rauc info), the installer (RAUC), and the kiosk (is a citizen at the screen?). Real
// implementations live beside this file; tests put test doubles or real peers behind them.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <string>

namespace hk::update {

// What `rauc info` says of a bundle whose signature it accepted.
struct BundleFacts {
    std::string compatible;  // the manifest's [update] compatible
    std::string version;     // the manifest's [update] version
};

enum class BundleProblem : std::uint8_t {
    Unreadable,     // not a bundle, truncated, or rauc could not run
    Unsigned,       // no signature
    UnknownSigner,  // signed, but not by a key the keyring trusts
    Tampered,       // signed, but the payload does not match the signature
};

struct BundleRefusal {
    BundleProblem problem = BundleProblem::Unreadable;
    std::string detail;  // rauc's own words, for the log and the failure report
};

class BundleInspector {
  public:
    virtual ~BundleInspector() = default;
    // Checks the bundle's signature against the keyring and reads its manifest. Blocking; never throws.
    virtual std::expected<BundleFacts, BundleRefusal> inspect(const std::filesystem::path& bundle) = 0;
};

// RAUC's view of the slots after boot, and the outcome of an install.
enum class SlotHealth : std::uint8_t { Good, Bad };

struct InstallProgress {
    int percent = 0;
    std::string message;  // RAUC's words: "Checking bundle", "Copying image to rootfs.1" ...
};

class Installer {
  public:
    virtual ~Installer() = default;
    // Installs the bundle into the slot not booted, blocking until RAUC says it is done. `progress` is called
    // from the calling thread. The error carries RAUC's LastError.
    virtual std::expected<void, std::string> install(
        const std::filesystem::path& bundle, const std::function<void(const InstallProgress&)>& progress) = 0;
    // Marks the booted slot good (the health check passed) or bad (the boot counter then falls back).
    virtual std::expected<void, std::string> mark_booted(SlotHealth health) = 0;
    // The name of the slot we booted from ("rootfs.0"), as RAUC reports it.
    virtual std::expected<std::string, std::string> booted_slot() = 0;
};

// The kiosk's side of a configuration push (catalogue, texts, opening hours, session settings).
enum class ApplyOutcome : std::uint8_t {
    Applied,  // in force, and kept as the last good document
    Busy,     // a citizen is being served: try again at the next quiet moment
};

class ConfigurationTarget {
  public:
    virtual ~ConfigurationTarget() = default;
    // Checks the document's signature against the keyring, its format and content, and that its version is
    // newer than the one in force (the same document again is accepted: a restart may repeat an apply).
    // Returns its version, or why it is refused. Never throws.
    virtual std::expected<std::string, std::string> check(const std::filesystem::path& document) = 0;
    // Puts it in force between sessions. An error means refused: the document in force stays.
    virtual std::expected<ApplyOutcome, std::string> apply(const std::filesystem::path& document) = 0;
};

}  // namespace hk::update
