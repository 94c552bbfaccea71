// A test double of RAUC's D-Bus service (sd-bus): it owns de.pengutronix.rauc on a bus (a private dbus-daemon
// in the tests) and serves de.pengutronix.rauc.Installer at / with the signatures RAUC 1.8 documents:
// InstallBundle (sa{sv}) and the deprecated Install (s), Mark (ss -> ss), GetSlotStatus (-> a(sa{sv})), the
// properties Operation, LastError, Progress (isi), Compatible, Variant, BootSlot (changes sent as
// PropertiesChanged) and the Completed (i) signal. RAUC cannot install into slots on this machine kind (no
// block devices), so this stands in for it; it doubles the interface, not RAUC's logic: an install checks
// that the bundle file exists, steps through scripted Progress values and ends as scripted: Completed(0), a
// LastError and Completed(1), never, or by dropping off the bus. It serves on a thread of its own over a
// connection of its own, so the code under test can block on the bus in the test's thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <vector>

namespace hk::update::testing {

enum class InstallEnding : std::uint8_t {
    Succeed,  // Completed(0) after the last progress step
    Fail,     // LastError set, then Completed(1)
    Hang,     // stays "installing" for ever after the last progress step
    Vanish,   // closes its bus connection after the first progress step
};

struct FakeProgress {
    int percent = 0;
    std::string message;
    int depth = 1;
};

struct FakeSlot {
    std::string name;   // "rootfs.0"
    std::string state;  // "booted", "inactive", "active"
};

struct FakeRaucScript {
    std::string compatible = "hukiosk-x86_64";
    std::string variant;
    std::string boot_slot = "rootfs.0";  // the BootSlot property
    std::vector<FakeSlot> slots = {{"rootfs.0", "booted"}, {"rootfs.1", "inactive"}};
    // What RAUC 1.8 reports for a one-image bundle, shortened.
    std::vector<FakeProgress> progress = {{0, "Installing", 1},
                                          {10, "Determining slot states", 2},
                                          {40, "Checking bundle", 2},
                                          {60, "Copying image to rootfs.1", 2},
                                          {100, "Installing done.", 1}};
    std::chrono::milliseconds step{20};  // between progress steps
    InstallEnding ending = InstallEnding::Succeed;
    std::string last_error = "Installation error: Failed writing image to rootfs.1";
    std::string refuse_mark;              // not empty: Mark fails with this message
    bool refuse_slot_status = false;      // GetSlotStatus fails, as RAUC's does while it is busy
    bool without_install_bundle = false;  // only the deprecated Install, as in RAUC before InstallBundle
};

struct MarkRequest {
    std::string state;
    std::string slot_identifier;
    bool operator==(const MarkRequest&) const = default;
};

class FakeRaucService {
  public:
    // Connects to the bus at `bus_address` and owns de.pengutronix.rauc before it returns.
    static std::expected<std::unique_ptr<FakeRaucService>, std::string> start(const std::string& bus_address,
                                                                              FakeRaucScript script);
    ~FakeRaucService();
    FakeRaucService(const FakeRaucService&) = delete;
    FakeRaucService& operator=(const FakeRaucService&) = delete;

    // The sources of every InstallBundle and Install call, in order, accepted or not.
    [[nodiscard]] std::vector<std::string> install_requests() const;
    // The bundles whose install ended with Completed(0).
    [[nodiscard]] std::vector<std::string> installed() const;
    // Every Mark call, refused or not.
    [[nodiscard]] std::vector<MarkRequest> marks() const;

    class Impl;  // the sd-bus connection and its thread, in the .cpp

  private:
    explicit FakeRaucService(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace hk::update::testing
