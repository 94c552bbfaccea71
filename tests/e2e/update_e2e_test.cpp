// Provincial IT's update, end to end: a bundle built by tools/make-bundle.sh (signed with the dev update keys
// of tools/dev-pki.sh, checked by the real rauc) is offered by the DDI test server to the real kiosk binary,
// which downloads it, installs it into its simulated slots when no citizen is at the screen, "reboots" into
// it, passes its health check, marks it good and reports success once; kioskctl shows it all. A site
// configuration signed by tools/make-site-config.sh is put in force between citizens, kept across a restart,
// and a forged one is refused.
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
    // A site configuration signed with the PKI in `pki` (a folder of dir_): the example's catalogue and
    // texts, open every day at hours that exclude the present, so the kiosk must close once it is in force.
    std::string site_config(const std::string& version, const std::string& pki = "pki") {
        json doc = json::parse(read_file(fs::path(HUKIOSK_SOURCE_DIR) / "docs/site-config.example.json"));
        doc["version"] = version;
        const std::time_t now = std::time(nullptr);
        std::tm local{};
        localtime_r(&now, &local);
        const char* hours = local.tm_hour < 12 ? "20:00-21:00" : "04:00-05:00";
        doc["opening_hours"] = json::object();
        for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
            doc["opening_hours"][day] = {hours};
        std::ofstream(dir_ / "site.json") << doc.dump();
        const fs::path out = dir_ / ("site-" + version + ".p7m");
        const Outcome made =
            run(kTools.string() + "/make-site-config.sh --pki " + (dir_ / pki).string() + " --in " +
                (dir_ / "site.json").string() + " --out " + out.string() + " >/dev/null 2>&1");
        EXPECT_EQ(made.exit_code, 0);
        return read_file(out);
    }
    static std::string closed_detail(const hk::update::testing::DdiTestServer& server) {
        std::string detail;
        for (const auto& received : server.feedback()) {
            if (received.execution == "closed") detail = received.finished + ": " + received.details.front();
        }
        return detail;
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

TEST_F(UpdateEndToEnd, AVersionThatCannotReachTheCentralServiceIsMarkedBadAndRolledBack) {
    hk::update::testing::DdiTestServer server;
    server.set_polling_sleep("00:00:01");
    const std::string action = server.offer("kiosk-upd-1", bundle("9.9.9"), "9.9.9");
    json settings = config(server);
    // Nothing listens there: every call fails at once as unreachable.
    settings["central"] = {{"url", "https://127.0.0.1:9"},
                           {"ca_file", (dir_ / "pki/ca.pem").string()},
                           {"cert_file", (dir_ / "pki/kiosks/kiosk-dev.pem").string()},
                           {"key_file", (dir_ / "pki/kiosks/kiosk-dev.key").string()},
                           {"attempts", 1},
                           {"connect_timeout_s", 1}};
    KioskProcess kiosk(dir_, settings);
    ASSERT_TRUE(eventually([&] { return server.closed_reports(action) == 1; }, 90s)) << kiosk.log();
    EXPECT_TRUE(closed_detail(server).starts_with(
        "failure: health check failed after the update: central service unreachable: CEN-01"))
        << closed_detail(server);
    EXPECT_TRUE(
        eventually([&] { return ctl(kiosk, "update history").out.find("failure") != std::string::npos; }));
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

TEST_F(UpdateEndToEnd, ASiteConfigurationIsPutInForceWithoutARestartAndKeptForTheNextStart) {
    hk::update::testing::DdiTestServer server;
    server.set_polling_sleep("00:00:01");
    const std::string action =
        server.offer_configuration("kiosk-upd-1", site_config("2026.11.2"), "2026.11.2");
    {
        KioskProcess kiosk(dir_, config(server));
        ASSERT_TRUE(eventually([&] { return server.closed_reports(action) == 1; }, 60s)) << kiosk.log();
        EXPECT_EQ(closed_detail(server), "success: configuration 2026.11.2 in force");
        const Outcome status = ctl(kiosk, "update status");
        EXPECT_NE(status.out.find("site configuration 2026.11.2"), std::string::npos) << status.out;
        // Its opening hours exclude the present: the running kiosk closes, told by the configuration alone.
        EXPECT_TRUE(eventually([&] {
            return ctl(kiosk, "status").out.find("closed by its opening hours until") != std::string::npos;
        })) << ctl(kiosk, "status").out;
        const std::string log = kiosk.log();
        EXPECT_NE(log.find("site configuration 2026.11.2 in force"), std::string::npos) << log;
        EXPECT_NE(log.find("closed until"), std::string::npos) << log;
        EXPECT_EQ(log.find("kiosk_started", log.find("site configuration 2026.11.2 in force")),
                  std::string::npos)
            << "no restart";
    }
    // The next start begins with the kept document, before any poll.
    KioskProcess restarted(dir_, json{{"kiosk_id", "kiosk-upd-1"},
                                      {"update", {{"keyring", (dir_ / "pki/update-ca.pem").string()}}}});
    ASSERT_TRUE(eventually(
        [&] { return ctl(restarted, "status").exit_code != -1 && fs::exists(restarted.socket()); }));
    EXPECT_TRUE(eventually([&] {
        return restarted.log().find("site configuration 2026.11.2 kept from before") != std::string::npos;
    })) << restarted.log();
    EXPECT_TRUE(eventually([&] {
        return ctl(restarted, "status").out.find("closed by its opening hours until") != std::string::npos;
    }));
}

TEST_F(UpdateEndToEnd, AForgedSiteConfigurationIsRefusedAndReportedAndChangesNothing) {
    ASSERT_EQ(
        run(kTools.string() + "/dev-pki.sh " + (dir_ / "other-pki").string() + " >/dev/null 2>&1").exit_code,
        0);
    hk::update::testing::DdiTestServer server;
    const std::string action =
        server.offer_configuration("kiosk-upd-1", site_config("2026.11.9", "other-pki"), "2026.11.9");
    KioskProcess kiosk(dir_, config(server));
    ASSERT_TRUE(eventually([&] { return server.closed_reports(action) == 1; }, 60s)) << kiosk.log();
    EXPECT_TRUE(closed_detail(server).starts_with("failure: configuration refused: signature refused"))
        << closed_detail(server);
    const Outcome status = ctl(kiosk, "update status");
    EXPECT_NE(status.exit_code, 0) << "the last outcome was a failure";
    EXPECT_NE(status.out.find("site configuration built-in"), std::string::npos) << status.out;
    EXPECT_NE(ctl(kiosk, "status").out.find("in service"), std::string::npos);
    EXPECT_NE(kiosk.log().find("site_config_refused"), std::string::npos) << kiosk.log();
    EXPECT_FALSE(fs::exists(kiosk.state() / "config/in-force.p7m"));
}

}  // namespace
