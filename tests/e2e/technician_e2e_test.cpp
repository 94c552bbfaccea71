// What a field technician does, end to end: the real kiosk binary runs (headless, simulated devices) and the
// real kioskctl binary talks to it over the control socket, for every online subcommand. Also: a pulled
// printer shows in kioskctl and the kiosk recovers on re-plug; the audit log's tampering is caught; the logs
// and support bundle of a citizen's session hold none of their data; the heartbeat reaches a real mosquitto.
#include <gtest/gtest.h>

#include "kiosk_process.h"
#include "mosquitto_peer.h"

namespace {

using namespace hk::e2e;

class TechnicianEndToEnd : public ::testing::Test {
  protected:
    fs::path dir_ = fs::path(::testing::TempDir()) /
                    ("tech-" + std::to_string(getpid()) + "-" +
                     std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));

    void SetUp() override { fs::remove_all(dir_); }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir_);
    }

    static json config(const std::string& kiosk_id) { return json{{"kiosk_id", kiosk_id}}; }

    // kioskctl with its arguments, against the kiosk's socket; stderr goes to a file (shown on failure).
    Outcome ctl(const KioskProcess& kiosk, const std::string& args) {
        return kioskctl(kiosk, args, dir_ / "kioskctl.err");
    }
    json ctl_json(const KioskProcess& kiosk, const std::string& args) {
        const Outcome outcome = ctl(kiosk, args + " --json");
        const json parsed = json::parse(outcome.out, nullptr, false);
        EXPECT_FALSE(parsed.is_discarded())
            << args << ": " << outcome.out << read_file(dir_ / "kioskctl.err");
        return parsed;
    }
    bool wait_until_serving(const KioskProcess& kiosk) {
        return eventually([&] { return fs::exists(kiosk.socket()) && ctl(kiosk, "status").exit_code == 0; });
    }
};

TEST_F(TechnicianEndToEnd, NoKioskRunningIsSaidPlainly) {
    const Outcome outcome = run(std::string("HUKIOSK_CONTROL_SOCKET=") + (dir_ / "none.sock").string() + " " +
                                HUKIOSK_KIOSKCTL_BINARY + " status 2>&1");
    EXPECT_EQ(outcome.exit_code, 3);
    EXPECT_NE(outcome.out.find("no kiosk is running"), std::string::npos) << outcome.out;
}

TEST_F(TechnicianEndToEnd, EveryOnlineSubcommandAgainstARunningKiosk) {
    KioskProcess kiosk(dir_, config("kiosk-tech-1"));
    ASSERT_TRUE(wait_until_serving(kiosk)) << kiosk.log();

    const json status = ctl_json(kiosk, "status");
    EXPECT_EQ(status.value("kiosk_id", ""), "kiosk-tech-1");
    EXPECT_TRUE(status.value("in_service", false));
    ASSERT_EQ(status.at("devices").size(), 6u);

    const json self_tests = ctl_json(kiosk, "selftest");
    EXPECT_TRUE(self_tests.value("passed", false)) << self_tests.dump();
    EXPECT_EQ(self_tests.at("results").size(), 6u);
    const json one = ctl_json(kiosk, "selftest a4_printer");
    ASSERT_EQ(one.at("results").size(), 1u);
    EXPECT_EQ(one.at("results")[0].value("device", ""), "a4_printer");
    EXPECT_EQ(ctl(kiosk, "selftest toaster").exit_code, 2) << "an unknown device is a usage error";

    const json devices = ctl_json(kiosk, "devices");
    ASSERT_EQ(devices.size(), 6u);
    for (const json& device : devices) {
        EXPECT_TRUE(device.value("ready", false)) << device.dump();
        EXPECT_TRUE(device.at("last_self_test").value("passed", false)) << "self-test results are kept";
    }

    const json printed = ctl_json(kiosk, "test-print");
    EXPECT_TRUE(printed.value("printed", false)) << printed.dump();
    EXPECT_TRUE(printed.at("printers").contains("a4_printer"));
    EXPECT_TRUE(printed.at("printers").contains("receipt_printer"));

    // The simulated glass is empty: the test scan must say so with the scanner's fault code, exit 1.
    const Outcome scan = ctl(kiosk, "test-scan");
    EXPECT_EQ(scan.exit_code, 1);
    EXPECT_NE(scan.out.find("SCN-09"), std::string::npos) << scan.out;

    const Outcome field = ctl(kiosk, "nfc-field-test --seconds 1");
    EXPECT_EQ(field.exit_code, 1) << "no card was held in the field";
    EXPECT_NE(field.out.find("field: on"), std::string::npos) << field.out;

    const json counters = ctl_json(kiosk, "counters");
    ASSERT_TRUE(counters.is_array());

    const json logs = ctl_json(kiosk, "logs --since 10m");
    ASSERT_TRUE(logs.is_array());
    bool saw_start = false;
    for (const json& record : logs) {
        EXPECT_GT(record.value("id", 0), 0) << "every log line carries an event id";
        saw_start = saw_start || record.value("name", "") == "kiosk_started";
    }
    EXPECT_TRUE(saw_start) << logs.dump();
    EXPECT_EQ(ctl(kiosk, "logs --since yesterday").exit_code, 2);

    // The metrics page parses as Prometheus text with the real parser, and shows the device gauges.
    const Outcome metrics = ctl(kiosk, "metrics");
    ASSERT_EQ(metrics.exit_code, 0);
    std::ofstream(dir_ / "metrics.txt") << metrics.out;
    const Outcome parsed =
        run("/usr/bin/python3 -c \"import sys; from prometheus_client.parser import "
            "text_string_to_metric_families as f; fams = list(f(open(sys.argv[1]).read())); "
            "print(' '.join(m.name for m in fams))\" " +
            (dir_ / "metrics.txt").string() + " 2>&1");
    EXPECT_EQ(parsed.exit_code, 0) << parsed.out;
    EXPECT_NE(parsed.out.find("hukiosk_device_ready"), std::string::npos) << parsed.out;

    const json report = ctl_json(kiosk, "readiness-report --print --to " + (dir_ / "report.pdf").string());
    EXPECT_TRUE(report.value("ready_for_service", false)) << report.dump();
    EXPECT_TRUE(report.value("printed", false)) << report.dump();
    EXPECT_EQ(read_file(dir_ / "report.pdf").substr(0, 5), "%PDF-");

    fs::create_directories(dir_ / "usb");
    const json bundle = ctl_json(kiosk, "support-bundle --to " + (dir_ / "usb").string());
    const Outcome listing = run("tar -tzf " + bundle.value("bundle", std::string("missing")));
    EXPECT_EQ(listing.exit_code, 0);
    for (const char* file : {"status.json", "devices.json", "selftests.json", "counters.json",
                             "logs/recent.txt", "config.json", "versions.txt", "audit-verification.json"}) {
        EXPECT_NE(listing.out.find(file), std::string::npos) << file << " missing from " << listing.out;
    }

    const json on = ctl_json(kiosk, "maintenance on");
    EXPECT_TRUE(on.value("maintenance", false));
    EXPECT_TRUE(eventually([&] { return !ctl_json(kiosk, "status").value("in_service", true); }))
        << "maintenance on takes an idle kiosk out of service";
    EXPECT_EQ(ctl(kiosk, "maintenance sideways").exit_code, 2);
    ctl_json(kiosk, "maintenance off");
    EXPECT_TRUE(eventually([&] { return ctl_json(kiosk, "status").value("in_service", false); }));

    // The audit log holds the technician's actions, chained; a changed record is caught.
    const json intact = ctl_json(kiosk, "audit verify");
    EXPECT_TRUE(intact.value("intact", false)) << intact.dump();
    EXPECT_GE(intact.value("records", 0), 5);
    const fs::path audit = kiosk.state() / "audit.log";
    std::string text = read_file(audit);
    const auto technician = text.find("\"maintenance_on\"");
    ASSERT_NE(technician, std::string::npos) << text;
    text.replace(technician, 16, "\"maintenance_of\"");
    std::ofstream(audit, std::ios::binary | std::ios::trunc) << text;
    const Outcome broken = ctl(kiosk, "audit verify");
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.out.find("NOT INTACT"), std::string::npos) << broken.out;
    const Outcome offline =
        run(std::string(HUKIOSK_KIOSKCTL_BINARY) + " audit verify --file " + audit.string());
    EXPECT_EQ(offline.exit_code, 1) << offline.out;

    EXPECT_EQ(kiosk.stop(), 0) << kiosk.log();
    EXPECT_FALSE(fs::exists(kiosk.socket())) << "a clean stop removes the socket";
}

TEST_F(TechnicianEndToEnd, PulledPrinterShowsInKioskctlAndReplugBringsTheKioskBack) {
    KioskProcess kiosk(dir_, config("kiosk-tech-2"), "unplug-and-replug-printer.script");
    ASSERT_TRUE(wait_until_serving(kiosk)) << kiosk.log();
    ASSERT_TRUE(eventually([&] { return !ctl_json(kiosk, "status").value("in_service", true); }))
        << kiosk.log();
    const json status = ctl_json(kiosk, "status");
    bool found = false;
    for (const json& device : status.at("devices")) {
        if (device.value("device", "") != "a4_printer") continue;
        found = true;
        EXPECT_FALSE(device.value("ready", true));
        EXPECT_EQ(device.value("fault_code", ""), "A4P-01") << device.dump();
    }
    EXPECT_TRUE(found);
    const json self_test = ctl_json(kiosk, "selftest a4_printer");
    EXPECT_FALSE(self_test.value("passed", true));
    EXPECT_EQ(self_test.at("results")[0].value("fault_code", ""), "A4P-01");
    EXPECT_TRUE(eventually([&] { return ctl_json(kiosk, "status").value("in_service", false); }, 20s))
        << "re-plugged: back in service\n"
        << kiosk.log();
    const json logs = ctl_json(kiosk, "logs");
    std::string names;
    for (const json& record : logs) names += record.value("name", "") + " ";
    EXPECT_NE(names.find("device_faulted"), std::string::npos) << names;
    EXPECT_NE(names.find("device_recovered"), std::string::npos) << names;
}

TEST_F(TechnicianEndToEnd, LogsAuditAndSupportBundleOfASessionHoldNoPersonalData) {
    KioskProcess kiosk(dir_, config("kiosk-tech-3"), "session-then-idle.script");
    ASSERT_TRUE(wait_until_serving(kiosk)) << kiosk.log();
    ASSERT_TRUE(eventually(
        [&] {
            for (const json& counter : ctl_json(kiosk, "counters")) {
                if (counter.value("name", "") == "hukiosk_certificates_total") return true;
            }
            return false;
        },
        40s))
        << kiosk.log();
    ASSERT_TRUE(eventually([&] { return !ctl_json(kiosk, "status").value("session_active", true); }));
    fs::create_directories(dir_ / "usb");
    const json bundle = ctl_json(kiosk, "support-bundle --to " + (dir_ / "usb").string());
    ASSERT_EQ(
        run("tar -xzf " + bundle.value("bundle", std::string("missing")) + " -C " + (dir_ / "usb").string())
            .exit_code,
        0);
    std::string everything = ctl(kiosk, "logs").out + read_file(kiosk.state() / "audit.log") + kiosk.log();
    for (const auto& entry : fs::recursive_directory_iterator(dir_ / "usb")) {
        if (entry.is_regular_file() && entry.path().extension() != ".gz")
            everything += read_file(entry.path());
    }
    EXPECT_NE(everything.find("certificate_issued"), std::string::npos) << "the session is in the record";
    // Person 0 of the demo world, who took part, and the others: no name or ID number anywhere.
    for (const char* personal : {"王小明", "110101198503071235", "李静", "110101198709122341"}) {
        EXPECT_EQ(everything.find(personal), std::string::npos) << personal;
    }
    EXPECT_EQ(everything.find("王"), std::string::npos) << "not even part of a name";
}

// ---- service mode on the screen: a technician card on the chip reader and its PIN ----

json with_technician(json settings, const std::string& pin_hash) {
    settings["technicians"] = json::array({{{"card", "04:a1:b2:c3"}, {"pin_hash", pin_hash}}});
    return settings;
}

std::string hashed_pin(const std::string& pin) {
    const Outcome outcome = run("echo " + pin + " | " + HUKIOSK_KIOSKCTL_BINARY + " hash-pin");
    EXPECT_EQ(outcome.exit_code, 0) << outcome.out;
    return outcome.out.substr(0, outcome.out.find('\n'));
}

TEST_F(TechnicianEndToEnd, ServiceModeOnTheScreenRunsKioskctlsFunctionsAndLeavesOutOfService) {
    KioskProcess kiosk(dir_, with_technician(config("kiosk-tech-5"), hashed_pin("2468")),
                       "service-mode.script");
    ASSERT_EQ(kiosk.wait_for_exit(120s), 0) << kiosk.log();
    bool screenshot = false;
    for (const auto& entry : fs::directory_iterator(kiosk.state() / "screens")) {
        screenshot = screenshot || entry.path().string().ends_with("service-result-selftest.png");
    }
    EXPECT_TRUE(screenshot);
    const std::string log = kiosk.log();
    for (const char* event : {"technician_card_seen", "technician_login_refused", "technician_login_accepted",
                              "service_function_run", "service_mode_left", "maintenance_requested"}) {
        EXPECT_NE(log.find(event), std::string::npos) << event;
    }
    const std::string audit = read_file(kiosk.state() / "audit.log");
    EXPECT_NE(audit.find("service_login"), std::string::npos) << audit;
    EXPECT_NE(audit.find("\"self_test\""), std::string::npos)
        << "the screen's self-test is audited like kioskctl's";
    EXPECT_NE(audit.find("…B2C3 at the screen"), std::string::npos) << audit;
    // The card is named by its last digits only, and the PIN nowhere.
    for (const std::string& secret : {std::string("04A1B2C3"), std::string("2468")}) {
        EXPECT_EQ((log + audit).find(secret), std::string::npos) << secret;
    }
    bool bundle_written = false;
    for (const auto& entry : fs::directory_iterator(kiosk.state() / "support-bundles")) {
        bundle_written = bundle_written || entry.path().string().ends_with(".tar.gz");
    }
    EXPECT_TRUE(bundle_written);
    const Outcome verified = run(std::string(HUKIOSK_KIOSKCTL_BINARY) + " audit verify --file " +
                                 (kiosk.state() / "audit.log").string());
    EXPECT_EQ(verified.exit_code, 0) << verified.out;
}

TEST_F(TechnicianEndToEnd, ServiceModePinGuessingIsSlowedAndLockedOut) {
    KioskProcess kiosk(dir_, with_technician(config("kiosk-tech-6"), hashed_pin("2468")),
                       "service-mode-lockout.script");
    ASSERT_EQ(kiosk.wait_for_exit(120s), 0) << kiosk.log();
    const std::string log = kiosk.log();
    EXPECT_NE(log.find("technician_locked_out"), std::string::npos) << log;
    EXPECT_EQ(log.find("technician_login_accepted"), std::string::npos)
        << "the right PIN is refused while locked";
}

TEST_F(TechnicianEndToEnd, HeartbeatReachesARealMosquitto) {
    hk::ops::test::MosquittoBroker broker;
    hk::ops::test::Subscriber subscriber(broker.port(), "hukiosk/kiosk-tech-4/#", 3);
    json settings = config("kiosk-tech-4");
    settings["heartbeat"] = {{"host", "127.0.0.1"}, {"port", broker.port()}, {"interval_s", 1}};
    KioskProcess kiosk(dir_, settings);
    ASSERT_TRUE(wait_until_serving(kiosk)) << kiosk.log();
    bool online = false;
    std::optional<json> beat;
    for (int i = 0; i < 3 && !(online && beat); ++i) {
        const auto line = subscriber.next_line();
        ASSERT_TRUE(line.has_value()) << "no message from the kiosk\n" << kiosk.log();
        const auto space = line->find(' ');
        const std::string topic = line->substr(0, space);
        const std::string payload = line->substr(space + 1);
        if (topic == "hukiosk/kiosk-tech-4/status") online = online || payload == "online";
        if (topic == "hukiosk/kiosk-tech-4/heartbeat") beat = json::parse(payload, nullptr, false);
    }
    EXPECT_TRUE(online);
    ASSERT_TRUE(beat.has_value());
    EXPECT_EQ(beat->value("kiosk_id", ""), "kiosk-tech-4");
    EXPECT_TRUE(beat->value("in_service", false));
    EXPECT_TRUE(beat->at("devices").value("a4_printer", false));
}

}  // namespace
