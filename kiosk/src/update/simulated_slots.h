// The installer of a kiosk run with --simulate, and of the update agent's tests: two root filesystem slots
// kept in a file instead of RAUC writing block devices. Like RAUC it reads the bundle's manifest (through the
// bundle inspector it is given) to know what it installs.
#pragma once

#include <filesystem>
#include <string>

#include "update/update_ports.h"

namespace hk::update {

// Slots "rootfs.0" and "rootfs.1" in a JSON file. install() writes the bundle's version into the other slot
// and makes it the next boot; reboot() boots it, unless the slot is set to fail to boot. A kiosk process
// killed and restarted finds the slots as a rebooted kiosk would.
class SimulatedSlots final : public Installer {
  public:
    // `initial_version`: what the first slot holds before any install (the running kiosk's version).
    SimulatedSlots(std::filesystem::path state_file, BundleInspector& inspector,
                   std::string initial_version = "1.0.0");

    std::expected<void, std::string> install(
        const std::filesystem::path& bundle,
        const std::function<void(const InstallProgress&)>& progress) override;
    std::expected<void, std::string> mark_booted(SlotHealth health) override;
    std::expected<std::string, std::string> booted_slot() override;

    // What a reboot does: the next boot slot becomes the booted one (or not, when it fails to boot).
    void reboot(bool new_slot_boots = true);
    void fail_installs(const std::string& error);  // fault injection: every install fails with this error
    std::string installed_version() const;         // the version in the booted slot
    std::string last_mark() const;                 // "good", "bad" or ""
    int installs() const;
    std::string boot_id() const;  // changes at every reboot()

  private:
    std::filesystem::path file_;
    BundleInspector& inspector_;
    std::string initial_version_;
};

}  // namespace hk::update
