// The D-Bus installer against a test double of RAUC's service on a private dbus-daemon (a real bus daemon,
// started and killed by each test): progress and success, RAUC's LastError on failure, a hung install, RAUC
// leaving the bus or the bus dying mid-install, no RAUC at all, Mark and the booted slot, and buses that
// cannot be reached.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fake_rauc_service.h"
#include "update/rauc_dbus_installer.h"

namespace hk::update {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace fake = hk::update::testing;

// The only bound on time in these tests: generous, so that a loaded machine does not fail them, yet far below
// the timeouts the installer was given where a prompt answer is what is checked.
constexpr auto kPrompt = seconds(30);

// A private dbus-daemon in a temporary directory, killed with the test.
class PrivateBus {
  public:
    PrivateBus() {
        std::string pattern = (fs::temp_directory_path() / "hk-rauc-dbus-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) return;
        dir_ = pattern;
        address_ = "unix:path=" + (dir_ / "bus").string();
        const std::string address_option = "--address=" + address_;
        int out[2];
        if (pipe2(out, O_CLOEXEC) != 0) return;
        pid_ = fork();
        if (pid_ == 0) {
            dup2(out[1], STDOUT_FILENO);
            execlp("dbus-daemon", "dbus-daemon", "--session", "--nofork", "--nopidfile",
                   address_option.c_str(), "--print-address", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(out[1]);
        // The daemon prints its address once it listens.
        std::string printed;
        pollfd ready{.fd = out[0], .events = POLLIN, .revents = 0};
        char buffer[256];
        while (printed.find('\n') == std::string::npos && poll(&ready, 1, 10000) > 0) {
            const ssize_t n = read(out[0], buffer, sizeof buffer);
            if (n <= 0) break;
            printed.append(buffer, static_cast<std::size_t>(n));
        }
        close(out[0]);
        ready_ = printed.find("unix:path=") != std::string::npos;
    }

    ~PrivateBus() {
        kill_daemon();
        std::error_code ignored;
        if (!dir_.empty()) fs::remove_all(dir_, ignored);
    }

    PrivateBus(const PrivateBus&) = delete;
    PrivateBus& operator=(const PrivateBus&) = delete;

    void kill_daemon() {
        if (pid_ <= 0) return;
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

    [[nodiscard]] bool ready() const { return ready_; }
    [[nodiscard]] const std::string& address() const { return address_; }
    [[nodiscard]] const fs::path& dir() const { return dir_; }

  private:
    fs::path dir_;
    std::string address_;
    pid_t pid_ = -1;
    bool ready_ = false;
};

class RaucDbusInstallerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(bus_.ready()) << "dbus-daemon did not start";
        bundle_ = bus_.dir() / "hukiosk-1.4.0.raucb";
        std::ofstream(bundle_) << "not a real bundle: the fake only checks that it exists";
    }

    std::unique_ptr<fake::FakeRaucService> start_fake(fake::FakeRaucScript script = {}) {
        auto started = fake::FakeRaucService::start(bus_.address(), std::move(script));
        EXPECT_TRUE(started.has_value()) << started.error();
        return started ? std::move(*started) : nullptr;
    }

    RaucDbusInstaller installer(milliseconds install_timeout = seconds(60)) {
        return RaucDbusInstaller(bus_.address(), install_timeout, seconds(20));
    }

    PrivateBus bus_;
    fs::path bundle_;
};

TEST_F(RaucDbusInstallerTest, InstallReportsProgressInOrderAndSucceeds) {
    const auto rauc = start_fake();
    ASSERT_NE(rauc, nullptr);
    std::vector<InstallProgress> seen;
    auto result = installer().install(bundle_, [&](const InstallProgress& p) { seen.push_back(p); });

    ASSERT_TRUE(result.has_value()) << result.error();
    std::vector<int> percents;
    std::vector<std::string> messages;
    for (const InstallProgress& p : seen) {
        percents.push_back(p.percent);
        messages.push_back(p.message);
    }
    EXPECT_EQ(percents, (std::vector<int>{0, 10, 40, 60, 100}));
    EXPECT_EQ(messages, (std::vector<std::string>{"Installing", "Determining slot states", "Checking bundle",
                                                  "Copying image to rootfs.1", "Installing done."}));
    EXPECT_EQ(rauc->install_requests(), std::vector<std::string>{bundle_.string()});
    EXPECT_EQ(rauc->installed(), std::vector<std::string>{bundle_.string()});
}

TEST_F(RaucDbusInstallerTest, RelativeBundlePathReachesRaucAbsolute) {
    const auto rauc = start_fake();
    ASSERT_NE(rauc, nullptr);
    const fs::path before = fs::current_path();
    fs::current_path(bus_.dir());
    auto result = installer().install(bundle_.filename(), nullptr);
    fs::current_path(before);

    ASSERT_TRUE(result.has_value()) << result.error();
    EXPECT_EQ(rauc->installed(), std::vector<std::string>{bundle_.string()});
}

TEST_F(RaucDbusInstallerTest, FailedInstallReturnsRaucsLastError) {
    fake::FakeRaucScript script;
    script.ending = fake::InstallEnding::Fail;
    script.last_error = "Installation error: Failed updating slot rootfs.1: write error";
    const auto rauc = start_fake(script);
    ASSERT_NE(rauc, nullptr);
    int progress_calls = 0;
    auto result = installer().install(bundle_, [&](const InstallProgress&) { ++progress_calls; });

    ASSERT_FALSE(result.has_value());
    EXPECT_THAT(result.error(), HasSubstr("Installation error: Failed updating slot rootfs.1: write error"));
    EXPECT_EQ(progress_calls, 5);
    EXPECT_THAT(rauc->installed(), IsEmpty());
}

TEST_F(RaucDbusInstallerTest, MissingBundleFailsWithRaucsWords) {
    const auto rauc = start_fake();
    ASSERT_NE(rauc, nullptr);
    auto result = installer().install(bus_.dir() / "gone.raucb", nullptr);

    ASSERT_FALSE(result.has_value());
    EXPECT_THAT(result.error(), HasSubstr("gone.raucb: No such file or directory"));
}

TEST_F(RaucDbusInstallerTest, HungInstallTimesOutAndRaucThenRefusesAnother) {
    fake::FakeRaucScript script;
    script.ending = fake::InstallEnding::Hang;
    const auto rauc = start_fake(script);
    ASSERT_NE(rauc, nullptr);
    const auto started = Clock::now();
    auto result = installer(seconds(2)).install(bundle_, nullptr);

    ASSERT_FALSE(result.has_value());
    EXPECT_THAT(result.error(), HasSubstr("did not complete"));
    EXPECT_LT(Clock::now() - started, kPrompt);

    // RAUC is still busy with the first: its refusal comes back as its own words.
    auto again = installer(seconds(2)).install(bundle_, nullptr);
    ASSERT_FALSE(again.has_value());
    EXPECT_THAT(again.error(), HasSubstr("Already processing a different method"));
    EXPECT_EQ(rauc->install_requests().size(), 2U);
}

TEST_F(RaucDbusInstallerTest, RaucLeavingTheBusMidInstallIsAnErrorAtOnce) {
    fake::FakeRaucScript script;
    script.ending = fake::InstallEnding::Vanish;
    const auto rauc = start_fake(script);
    ASSERT_NE(rauc, nullptr);
    const auto started = Clock::now();
    auto result = installer(seconds(300)).install(bundle_, nullptr);

    ASSERT_FALSE(result.has_value());
    EXPECT_THAT(result.error(), HasSubstr("RAUC left"));
    EXPECT_LT(Clock::now() - started, kPrompt);
}

TEST_F(RaucDbusInstallerTest, BusDyingMidInstallIsAnErrorAtOnce) {
    fake::FakeRaucScript script;
    script.ending = fake::InstallEnding::Hang;
    const auto rauc = start_fake(script);
    ASSERT_NE(rauc, nullptr);
    const auto started = Clock::now();
    auto result =
        installer(seconds(300)).install(bundle_, [&](const InstallProgress&) { bus_.kill_daemon(); });

    ASSERT_FALSE(result.has_value());
    EXPECT_THAT(result.error(), HasSubstr("lost the connection"));
    EXPECT_LT(Clock::now() - started, kPrompt);
}

TEST_F(RaucDbusInstallerTest, NoRaucOnTheBus) {
    auto rauc = installer();
    auto installed = rauc.install(bundle_, nullptr);
    ASSERT_FALSE(installed.has_value());
    EXPECT_THAT(installed.error(), HasSubstr("is not on"));
    auto marked = rauc.mark_booted(SlotHealth::Good);
    ASSERT_FALSE(marked.has_value());
    EXPECT_THAT(marked.error(), HasSubstr("is not on"));
    auto slot = rauc.booted_slot();
    ASSERT_FALSE(slot.has_value());
    EXPECT_THAT(slot.error(), HasSubstr("is not on"));
}

TEST_F(RaucDbusInstallerTest, OlderRaucWithoutInstallBundleGetsInstall) {
    fake::FakeRaucScript script;
    script.without_install_bundle = true;
    const auto rauc = start_fake(script);
    ASSERT_NE(rauc, nullptr);
    auto result = installer().install(bundle_, nullptr);

    ASSERT_TRUE(result.has_value()) << result.error();
    EXPECT_EQ(rauc->installed(), std::vector<std::string>{bundle_.string()});
}

TEST_F(RaucDbusInstallerTest, MarkGoodAndBadReachRaucForTheBootedSlot) {
    const auto rauc = start_fake();
    ASSERT_NE(rauc, nullptr);
    auto good = installer().mark_booted(SlotHealth::Good);
    ASSERT_TRUE(good.has_value()) << good.error();
    auto bad = installer().mark_booted(SlotHealth::Bad);
    ASSERT_TRUE(bad.has_value()) << bad.error();

    EXPECT_EQ(rauc->marks(), (std::vector<fake::MarkRequest>{{"good", "booted"}, {"bad", "booted"}}));
}

TEST_F(RaucDbusInstallerTest, RefusedMarkReturnsRaucsMessage) {
    fake::FakeRaucScript script;
    script.refuse_mark = "Failed marking slot rootfs.0 as good: bootloader refused";
    const auto rauc = start_fake(script);
    ASSERT_NE(rauc, nullptr);
    auto result = installer().mark_booted(SlotHealth::Good);

    ASSERT_FALSE(result.has_value());
    EXPECT_THAT(result.error(), HasSubstr("Failed marking slot rootfs.0 as good: bootloader refused"));
    EXPECT_EQ(rauc->marks(), (std::vector<fake::MarkRequest>{{"good", "booted"}}));
}

TEST_F(RaucDbusInstallerTest, BootedSlotIsTheOneGetSlotStatusCallsBooted) {
    fake::FakeRaucScript script;
    script.slots = {{"rootfs.0", "inactive"}, {"rootfs.1", "booted"}, {"appfs.1", "active"}};
    script.boot_slot = "/dev/vda3";  // root= on the kernel command line: a device, not a slot name
    const auto rauc = start_fake(script);
    ASSERT_NE(rauc, nullptr);
    auto slot = installer().booted_slot();

    ASSERT_TRUE(slot.has_value()) << slot.error();
    EXPECT_EQ(*slot, "rootfs.1");
}

TEST_F(RaucDbusInstallerTest, BootedSlotFallsBackToBootSlotWhenRaucIsBusy) {
    fake::FakeRaucScript script;
    script.refuse_slot_status = true;
    script.boot_slot = "rootfs.1";
    const auto rauc = start_fake(script);
    ASSERT_NE(rauc, nullptr);
    auto slot = installer().booted_slot();

    ASSERT_TRUE(slot.has_value()) << slot.error();
    EXPECT_EQ(*slot, "rootfs.1");
}

TEST_F(RaucDbusInstallerTest, UnreachableBusAddressIsAnError) {
    RaucDbusInstaller rauc("unix:path=" + (bus_.dir() / "nobody-listens").string(), seconds(300),
                           seconds(300));
    const auto started = Clock::now();
    auto installed = rauc.install(bundle_, nullptr);
    ASSERT_FALSE(installed.has_value());
    EXPECT_THAT(installed.error(), HasSubstr("cannot connect"));
    EXPECT_FALSE(rauc.mark_booted(SlotHealth::Bad).has_value());
    EXPECT_FALSE(rauc.booted_slot().has_value());
    EXPECT_LT(Clock::now() - started, kPrompt);
}

// A socket that accepts connections (the kernel's backlog does) but never speaks D-Bus.
TEST_F(RaucDbusInstallerTest, SilentBusIsAnErrorWithinTheTimeout) {
    const fs::path path = bus_.dir() / "silent";
    const int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(listener, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    ASSERT_EQ(bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(listen(listener, 8), 0);

    RaucDbusInstaller rauc("unix:path=" + path.string(), seconds(1), seconds(1));
    const auto started = Clock::now();
    auto installed = rauc.install(bundle_, nullptr);
    auto marked = rauc.mark_booted(SlotHealth::Good);
    auto slot = rauc.booted_slot();
    close(listener);

    ASSERT_FALSE(installed.has_value());
    EXPECT_THAT(installed.error(), HasSubstr("did not accept the connection"));
    EXPECT_FALSE(marked.has_value());
    EXPECT_FALSE(slot.has_value());
    EXPECT_LT(Clock::now() - started, kPrompt);
}

}  // namespace
}  // namespace hk::update
