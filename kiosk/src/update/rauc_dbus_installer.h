// The kiosk's Installer on RAUC's D-Bus service (de.pengutronix.rauc, object /, interface
// de.pengutronix.rauc.Installer, as documented for RAUC 1.8), through sd-bus from libsystemd.
//
// Why D-Bus and not `rauc install`: the service is the documented client interface, it reports progress as it
// goes and its Completed signal carries the result, so nothing parses command-line output. Why each call
// opens its own connection: installs are rare, a connection of our own is never shared between threads, and a
// RAUC restart (or a bus that was not up yet) costs nothing but the next call's connect.
//
// Every wait is bounded: connecting, every method call and the whole install share one deadline, so a bus
// that never answers, a RAUC that never completes or a RAUC that leaves the bus mid-install all end as an
// error string, never a hang. Nothing here throws on its own account (an exception from the progress callback
// passes through).
#pragma once

#include <chrono>
#include <expected>
#include <filesystem>
#include <functional>
#include <string>

#include "update/update_ports.h"

namespace hk::update {

class RaucDbusInstaller final : public Installer {
  public:
    // `bus_address` empty: the system bus, where RAUC lives on a kiosk. Otherwise a D-Bus address
    // ("unix:path=/run/x/bus") of a bus daemon: tests run a private one. `install_timeout` bounds a whole
    // install, connect to Completed; `call_timeout` bounds mark_booted() and booted_slot(), connect included.
    RaucDbusInstaller(std::string bus_address, std::chrono::milliseconds install_timeout,
                      std::chrono::milliseconds call_timeout = std::chrono::seconds(25));

    // InstallBundle(source, {}) (Install(source) on a RAUC older than InstallBundle), then waits for
    // Completed, passing each Progress change on. A non-zero result comes back as RAUC's LastError.
    std::expected<void, std::string> install(
        const std::filesystem::path& bundle,
        const std::function<void(const InstallProgress&)>& progress) override;
    // Mark("good" or "bad", "booted").
    std::expected<void, std::string> mark_booted(SlotHealth health) override;
    // The slot GetSlotStatus() says is "booted"; the BootSlot property when GetSlotStatus() cannot answer
    // (RAUC refuses it while busy). BootSlot is what RAUC found on the kernel command line: a slot name with
    // rauc.slot=, but a device path with root=.
    std::expected<std::string, std::string> booted_slot() override;

  private:
    std::string bus_address_;
    std::chrono::milliseconds install_timeout_;
    std::chrono::milliseconds call_timeout_;
};

}  // namespace hk::update
