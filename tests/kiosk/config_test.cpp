// The kiosk's configuration file: defaults without one, the printer backends, and refusals that name the key.
#include "app/config.h"

#include <gtest/gtest.h>

namespace hk::kiosk {
namespace {

TEST(Config, AnEmptyObjectKeepsEveryDefaultAndSimulatedPrinters) {
    const auto config = parse_config("{}");
    ASSERT_TRUE(config) << config.error();
    EXPECT_EQ(config->kiosk_id, "kiosk-dev");
    EXPECT_EQ(config->a4_printer.backend, "simulated");
    EXPECT_EQ(config->receipt_printer.backend, "simulated");
}

TEST(Config, ACupsQueueForCertificates) {
    const auto config = parse_config(
        R"({"a4_printer": {"backend": "cups", "queue": "hall-a4", "server": "localhost:8631", "job_timeout_s": 45}})");
    ASSERT_TRUE(config) << config.error();
    EXPECT_EQ(config->a4_printer.backend, "cups");
    EXPECT_EQ(config->a4_printer.cups.queue, "hall-a4");
    EXPECT_EQ(config->a4_printer.cups.server, "localhost:8631");
    EXPECT_EQ(config->a4_printer.cups.job_timeout, std::chrono::seconds(45));
    EXPECT_EQ(config->a4_printer.cups.media, "iso_a4_210x297mm");
}

TEST(Config, AnEscPosReceiptPrinterOnEachTransport) {
    auto tcp = parse_config(
        R"({"receipt_printer": {"backend": "escpos", "connection": "tcp:10.0.0.7:9101", "profile": "generic-58"}})");
    ASSERT_TRUE(tcp) << tcp.error();
    EXPECT_EQ(tcp->receipt_printer.escpos.transport, "tcp");
    EXPECT_EQ(tcp->receipt_printer.escpos.host, "10.0.0.7");
    EXPECT_EQ(tcp->receipt_printer.escpos.port, 9101);
    EXPECT_EQ(tcp->receipt_printer.escpos.profile, "generic-58");

    auto usb = parse_config(R"({"receipt_printer": {"backend": "escpos", "connection": "usb:0416:5011"}})");
    ASSERT_TRUE(usb) << usb.error();
    EXPECT_EQ(usb->receipt_printer.escpos.transport, "usb");
    EXPECT_EQ(usb->receipt_printer.escpos.usb_vendor, 0x0416);
    EXPECT_EQ(usb->receipt_printer.escpos.usb_product, 0x5011);

    auto device =
        parse_config(R"({"receipt_printer": {"backend": "escpos", "connection": "device:/dev/usb/lp1"}})");
    ASSERT_TRUE(device) << device.error();
    EXPECT_EQ(device->receipt_printer.escpos.device_path, "/dev/usb/lp1");
}

TEST(Config, NamesTheCardReaderBackends) {
    const auto defaults = parse_config("{}");
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->chip_reader.backend, "simulated");
    EXPECT_EQ(defaults->chip_reader.trust_store, "/etc/hukiosk/csca");
    EXPECT_EQ(defaults->resident_id_reader.backend, "simulated");

    const auto real =
        parse_config(R"({"chip_reader": {"backend": "pcsc:ACS ACR1252", "trust_store": "/srv/csca"},
                                      "resident_id_reader": {"backend": "ga467:/dev/ttyUSB0@115200"}})");
    ASSERT_TRUE(real) << real.error();
    EXPECT_EQ(real->chip_reader.backend, "pcsc:ACS ACR1252");
    EXPECT_EQ(real->chip_reader.trust_store, "/srv/csca");
    EXPECT_EQ(real->resident_id_reader.backend, "ga467:/dev/ttyUSB0@115200");
    EXPECT_EQ(defaults->scanner.backend, "simulated");
    EXPECT_EQ(defaults->camera.backend, "simulated");
    const auto capture = parse_config(R"({"scanner": {"backend": "sane:genesys:libusb:001:004"},
                                         "camera": {"backend": "camera:/dev/video0"}})");
    ASSERT_TRUE(capture) << capture.error();
    EXPECT_EQ(capture->scanner.backend, "sane:genesys:libusb:001:004");
    EXPECT_EQ(capture->camera.backend, "camera:/dev/video0");
    EXPECT_FALSE(capture->camera.for_documents) << "documents go on the flatbed unless the site says so";
    const auto overhead =
        parse_config(R"({"camera": {"backend": "camera:/dev/video2", "for_documents": true}})");
    ASSERT_TRUE(overhead) << overhead.error();
    EXPECT_TRUE(overhead->camera.for_documents);
    EXPECT_EQ(overhead->camera.backend, "camera:/dev/video2");
    const auto nfc = parse_config(R"({"chip_reader": {"backend": "nfc:pn532_uart:/dev/ttyS1"}})");
    ASSERT_TRUE(nfc) << nfc.error();
    EXPECT_EQ(nfc->chip_reader.backend, "nfc:pn532_uart:/dev/ttyS1");
}

TEST(Config, UpdateAgentKeys) {
    const auto none = parse_config("{}");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->update.server_url.empty()) << "no rollout server, no agent";
    const auto config = parse_config(R"({"update": {"server_url": "https://upd.example.cn/", "tenant": "JL",
        "target_token_file": "/etc/hukiosk/ddi-token", "installer": "simulated", "poll_override_s": 60,
        "province": "JL", "site": "Yanji hall 2"}})");
    ASSERT_TRUE(config) << config.error();
    EXPECT_EQ(config->update.server_url, "https://upd.example.cn");
    EXPECT_EQ(config->update.tenant, "JL");
    EXPECT_EQ(config->update.target_token_file, "/etc/hukiosk/ddi-token");
    EXPECT_EQ(config->update.installer, "simulated");
    EXPECT_EQ(config->update.keyring, "/etc/rauc/keyring.pem");
    EXPECT_EQ(config->update.site, "Yanji hall 2");
    for (const char* bad :
         {R"({"update": {"server_url": "http://upd.example.cn"}})",
          R"({"update": {"server_url": "ftp://x"}})", R"({"update": {"installer": "apt"}})",
          R"({"update": {"poll_override_s": -1}})", R"({"update": {"start_delay_s": 7200}})"}) {
        EXPECT_FALSE(parse_config(bad)) << bad;
    }
    EXPECT_TRUE(
        parse_config(R"({"update": {"server_url": "http://127.0.0.1:8080", "allow_plain_http": true}})"));
}

TEST(Config, OperationsKeys) {
    const auto config = parse_config(R"({
        "state_dir": "/var/lib/hukiosk",
        "control": {"socket": "/run/hukiosk/control.sock", "group": "tech"},
        "metrics": {"listen": "127.0.0.1:9464"},
        "heartbeat": {"host": "mqtt.province.example", "port": 8883, "ca_file": "/etc/hukiosk/mqtt-ca.pem",
                      "interval_s": 30, "topic_prefix": "kiosks"},
        "health": {"grace_s": 40, "failures_to_fault": 5},
        "watchdog_stall_s": 240,
        "technicians": [{"card": "T12345678", "pin_hash": "pbkdf2-sha256$1000$00$00"}]
    })");
    ASSERT_TRUE(config) << config.error();
    EXPECT_EQ(config->state_dir, "/var/lib/hukiosk");
    EXPECT_EQ(config->control.socket, "/run/hukiosk/control.sock");
    EXPECT_EQ(config->control.group, "tech");
    EXPECT_EQ(config->metrics.listen, "127.0.0.1:9464");
    EXPECT_EQ(config->heartbeat.host, "mqtt.province.example");
    EXPECT_EQ(config->heartbeat.port, 8883);
    EXPECT_EQ(config->heartbeat.ca_file, "/etc/hukiosk/mqtt-ca.pem");
    EXPECT_EQ(config->heartbeat.interval_s, 30);
    EXPECT_EQ(config->heartbeat.topic_prefix, "kiosks");
    EXPECT_EQ(config->health.grace_s, 40);
    EXPECT_EQ(config->health.failures_to_fault, 5);
    EXPECT_EQ(config->watchdog_stall_s, 240);
    ASSERT_EQ(config->technicians.size(), 1u);
    EXPECT_EQ(config->technicians[0].card, "T12345678");

    const auto defaults = parse_config("{}");
    ASSERT_TRUE(defaults);
    EXPECT_TRUE(defaults->heartbeat.host.empty()) << "no broker, no heartbeat";
    EXPECT_TRUE(defaults->metrics.listen.empty());
    EXPECT_EQ(defaults->control.group, "kiosk-tech");
    EXPECT_EQ(defaults->health.failures_to_fault, 3);
}

TEST(Config, OperationsRefusals) {
    EXPECT_NE(parse_config(R"({"metrics": {"listen": "9464"}})").error().find("metrics.listen"),
              std::string::npos);
    EXPECT_NE(parse_config(R"({"heartbeat": {"host": "h", "port": 0}})").error().find("heartbeat.port"),
              std::string::npos);
    EXPECT_NE(parse_config(R"({"health": {"failures_to_fault": 0}})").error().find("health"),
              std::string::npos);
    EXPECT_NE(parse_config(R"({"watchdog_stall_s": 1})").error().find("watchdog_stall_s"), std::string::npos);
    EXPECT_NE(
        parse_config(R"({"technicians": [{"card": "T1", "pin_hash": "1234"}]})").error().find("technicians"),
        std::string::npos)
        << "a PIN in clear is refused";
}

TEST(Config, RefusalsNameTheKey) {
    const std::vector<std::pair<const char*, const char*>> cases = {
        {R"({"a4_printer": {"backend": "lpr"}})", "a4_printer.backend"},
        {R"({"a4_printer": {"backend": "cups", "queue": ""}})", "a4_printer.queue"},
        {R"({"a4_printer": {"backend": "cups", "copies": 0}})", "a4_printer.copies"},
        {R"({"a4_printer": {"job_timeout_s": -1}})", "job_timeout_s"},
        {R"({"receipt_printer": {"backend": "star"}})", "receipt_printer.backend"},
        {R"({"receipt_printer": {"backend": "escpos", "connection": "bluetooth:xx"}})",
         "receipt_printer.connection"},
        {R"({"receipt_printer": {"connection": 9100}})", "config:"},
        {R"({"chip_reader": {"backend": "acr122"}})", "chip_reader.backend"},
        {R"({"resident_id_reader": {"backend": "/dev/ttyUSB0"}})", "resident_id_reader.backend"},
        {R"({"scanner": {"backend": "twain:1"}})", "scanner.backend"},
        {R"({"camera": {"backend": "/dev/video0"}})", "camera.backend"},
    };
    for (const auto& [text, says] : cases) {
        const auto config = parse_config(text);
        ASSERT_FALSE(config) << text;
        EXPECT_NE(config.error().find(says), std::string::npos) << text << " -> " << config.error();
    }
}

TEST(Config, ScreenDensityAndSpeech) {
    const auto defaults = parse_config("{}");
    ASSERT_TRUE(defaults) << defaults.error();
    EXPECT_EQ(defaults->screen_dpi, 96);
    EXPECT_TRUE(defaults->speech_available);
    const auto config =
        parse_config(R"({"screen": {"width": 1920, "height": 1080, "dpi": 102}, "speech": false})");
    ASSERT_TRUE(config) << config.error();
    EXPECT_EQ(config->screen_dpi, 102);
    EXPECT_FALSE(config->speech_available);
    const auto absurd = parse_config(R"({"screen": {"dpi": 5}})");
    ASSERT_FALSE(absurd);
    EXPECT_NE(absurd.error().find("screen.dpi"), std::string::npos);
}

}  // namespace
}  // namespace hk::kiosk
