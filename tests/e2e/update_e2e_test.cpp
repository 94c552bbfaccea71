// Provincial IT's update, end to end: a bundle built by tools/make-bundle.sh (signed with the dev update keys
// of tools/dev-pki.sh, checked by the real rauc) is offered by the DDI test server to the real kiosk binary,
// which downloads it, installs it into its simulated slots when no citizen is at the screen, "reboots" into
// it, passes its health check, marks it good and reports success once; kioskctl shows it all.
#include <gtest/gtest.h>

#include "ddi_test_server.h"
#include "kiosk_process.h"

namespace {

using namespace hk::e2e;

const fs::path kTools = fs::path(HUKIOSK_SOURCE_DIR) / "tools";

class UpdateEndToEnd : public ::testing::Test {
  protected:
    fs::path dir_ = fs::path(::testing::TempDir()) /
                    ("update-" + std::to_string(getpid()) + "-" +
                     std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));

    void SetUp() override {
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "tree/usr/bin");
        std::ofstream(dir_ / "tree/usr/bin/hukiosk-marker") << "a kiosk install tree\n";
        const Outcome pki =
            run(kTools.string() + "/dev-pki.sh " + (dir_ / "pki").string() + " >/dev/null 2>&1");
        ASSERT_EQ(pki.exit_code, 0);
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir_);
    }

    std::string bundle(const std::string& version) {
        const fs::path out = dir_ / ("hukiosk-" + version + ".raucb");
        const Outcome made = run(kTools.string() + "/make-bundle.sh --pki " + (dir_ / "pki").string() +
                                 " --tree " + (dir_ / "tree").string() + " --version " + version +
                                 " --compatible hukiosk-x86_64 --out " + out.string() + " >/dev/null 2>&1");
        EXPECT_EQ(made.exit_code, 0);
        return read_file(out);
    }

    json config(const hk::update::testing::DdiTestServer& server) const {
        return json{{"kiosk_id", "kiosk-upd-1"},
                    {"update",
                     {{"server_url", server.base_url()},
                      {"allow_plain_http", true},
                      {"installer", "simulated"},
                      {"keyring", (dir_ / "pki/update-ca.pem").string()},
                      {"poll_override_s", 1},
                      {"start_delay_s", 0},
                      {"province", "JL"}}}};
    }
    Outcome ctl(const KioskProcess& kiosk, const std::string& args) {
        return kioskctl(kiosk, args, dir_ / "kioskctl.err");
    }
};

TEST_F(UpdateEndToEnd, ASignedBundleIsInstalledConfirmedAndReportedOnce) {
    hk::update::testing::DdiTestServer server;
    server.set_polling_sleep("00:00:01");
    server.request_config_data(true);
    const std::string action = server.offer("kiosk-upd-1", bundle("9.9.9"), "9.9.9");
    KioskProcess kiosk(dir_, config(server));

    ASSERT_TRUE(eventually([&] { return server.closed_reports(action) == 1; }, 60s)) << kiosk.log();
    const auto feedback = server.feedback();
    std::string outcome;
    for (const auto& received : feedback) {
        if (received.execution == "closed") outcome = received.finished + ": " + received.details.front();
    }
    EXPECT_EQ(outcome, "success: running 9.9.9 in rootfs.1");
    EXPECT_EQ(server.config_data().at("province"), "JL");
    EXPECT_EQ(server.config_data().at("kiosk_id"), "kiosk-upd-1");

    // kioskctl sees the outcome; the kiosk is back in service after the (simulated) reboot.
    ASSERT_TRUE(
        eventually([&] { return ctl(kiosk, "update history").out.find("9.9.9") != std::string::npos; }));
    const Outcome history = ctl(kiosk, "update history");
    EXPECT_NE(history.out.find("success"), std::string::npos) << history.out;
    const Outcome status = ctl(kiosk, "update status");
    EXPECT_EQ(status.exit_code, 0) << status.out;
    EXPECT_NE(status.out.find("update agent: idle"), std::string::npos) << status.out;
    EXPECT_TRUE(eventually([&] { return ctl(kiosk, "status").out.find("in service") != std::string::npos; }))
        << ctl(kiosk, "status").out;
    const std::string log = kiosk.log();
    for (const char* event : {"update_offered", "update_downloaded", "update_installing", "update_succeeded",
                              "update_reported"}) {
        EXPECT_NE(log.find(event), std::string::npos) << event;
    }
    // A few more polls: the outcome is not sent again.
    std::this_thread::sleep_for(3s);
    EXPECT_EQ(server.closed_reports(action), 1);
}

TEST_F(UpdateEndToEnd, ATamperedOrForeignBundleIsRefusedAndTheKioskStaysInService) {
    hk::update::testing::DdiTestServer server;
    std::string tampered = bundle("9.9.9");
    tampered[tampered.size() - 100] =
        static_cast<char>(tampered[tampered.size() - 100] ^ 0x01);  // in the signature
    const std::string action = server.offer("kiosk-upd-1", tampered, "9.9.9");
    KioskProcess kiosk(dir_, config(server));
    ASSERT_TRUE(eventually([&] { return server.closed_reports(action) == 1; }, 60s)) << kiosk.log();
    std::string detail;
    for (const auto& received : server.feedback()) {
        if (received.execution == "closed") detail = received.finished + ": " + received.details.front();
    }
    EXPECT_TRUE(detail.starts_with("failure: bundle refused")) << detail;
    const Outcome status = ctl(kiosk, "update status");
    EXPECT_NE(status.exit_code, 0) << "the last outcome was a failure";
    EXPECT_NE(status.out.find("failure"), std::string::npos) << status.out;
    EXPECT_NE(ctl(kiosk, "status").out.find("in service"), std::string::npos);
}

TEST_F(UpdateEndToEnd, NoRolloutServerIsSaidPlainly) {
    KioskProcess kiosk(dir_, json{{"kiosk_id", "kiosk-upd-2"}});
    ASSERT_TRUE(
        eventually([&] { return fs::exists(kiosk.socket()) && ctl(kiosk, "status").exit_code == 0; }));
    const Outcome status = ctl(kiosk, "update status");
    EXPECT_EQ(status.exit_code, 0);
    EXPECT_NE(status.out.find("no rollout server configured"), std::string::npos) << status.out;
}

}  // namespace
