// The kiosk's configuration: everything has a built-in default, so the kiosk starts with no file at all.
// Keys are documented in the README ("Configuration").
#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/session/engine.h"
#include "printer/cups/cups_a4_printer.h"
#include "printer/escpos/escpos_receipt_printer.h"

namespace hk::kiosk {

struct KioskConfig {
    std::string kiosk_id = "kiosk-dev";
    std::optional<std::filesystem::path> catalogue_file;  // none: the built-in catalogue
    EngineConfig engine;
    int screen_width = 1080;
    int screen_height = 1920;
    // The panel's pixel density, so touch targets are at least 9 mm across whatever the panel.
    int screen_dpi = 96;
    // Spoken prompts for citizens who cannot see the screen (turned on per session by the speech key or a
    // headset). Off here for a kiosk with no loudspeaker or headset jack.
    bool speech_available = true;
    std::chrono::milliseconds health_poll{1000};
    // Where the journal lives; empty: in the --out folder, else ./hukiosk-state. The key file stays outside
    // the database (mode 0600), created on first start.
    std::filesystem::path journal_db;
    std::filesystem::path journal_key;
    // The central service; no URL: the in-process simulated one (only with --simulate).
    struct Central {
        std::string url;
        std::filesystem::path ca_file;    // the pinned provincial CA
        std::filesystem::path cert_file;  // this kiosk's client certificate
        std::filesystem::path key_file;
        double connect_timeout_s = 3;
        double request_timeout_s = 10;
        int attempts = 3;
    } central;
    // The printers: "simulated" (files in --out), or the real backends: a CUPS queue for certificates and an
    // ESC/POS printer for receipts. Simulated devices stay available to --simulate for everything else.
    struct A4Printer {
        std::string backend = "simulated";  // or "cups"
        printer::cups::CupsOptions cups;
    } a4_printer;
    struct ReceiptPrinter {
        std::string backend = "simulated";  // or "escpos"
        printer::escpos::EscPosOptions escpos;
    } receipt_printer;
    // The card readers: "simulated" (the simulation's chip and card), or the real backends: an e-passport
    // reader "pcsc:<reader name or part of it>" / "nfc:<libnfc connstring>", and a resident ID SAM reader
    // "ga467:/dev/ttyUSB0[@baud]" / "ga467:usb[:VVVV:PPPP]".
    struct ChipReader {
        std::string backend = "simulated";
        // CSCA certificates and master lists for passive authentication; the simulated chip's own CSCA when
        // simulated and left empty.
        std::filesystem::path trust_store = "/etc/hukiosk/csca";
    } chip_reader;
    struct ResidentIdReader {
        std::string backend = "simulated";
    } resident_id_reader;
    // The scanner (documents and the passport's photo page, whose MRZ the OCR-B reader reads) and the camera:
    // "simulated", or "sane:[DEVICE]" / "files:DIR" for the scanner and "camera:/dev/videoN" /
    // "camera:file:PATH" for the camera.
    struct Scanner {
        std::string backend = "simulated";
    } scanner;
    struct Camera {
        std::string backend = "simulated";
        // Supporting documents are laid under this overhead document camera (with a live preview on the scan
        // screen) instead of on the flatbed scanner, which still reads passports' MRZ.
        bool for_documents = false;
    } camera;
    // Operations (technicians and provincial IT).
    // Counters, the audit log, self-test results and the control socket live here; empty: the --out folder,
    // else ./hukiosk-state. The appliance sets /var/lib/hukiosk.
    std::filesystem::path state_dir;
    struct Control {
        std::filesystem::path socket;      // empty: <state_dir>/control.sock; the appliance: /run/hukiosk/...
        std::string group = "kiosk-tech";  // who may use kioskctl
        // Where the service screen writes support bundles (e.g. a USB stick's mount point); empty:
        // <state_dir>/support-bundles.
        std::filesystem::path bundle_dir;
    } control;
    struct Metrics {
        std::string listen;  // "127.0.0.1:9464" serves GET /metrics; empty: only over the control socket
    } metrics;
    struct Heartbeat {
        std::string host;  // the MQTT broker; empty: no heartbeat
        int port = 1883;
        std::filesystem::path ca_file;  // TLS when set
        std::filesystem::path cert_file;
        std::filesystem::path key_file;
        std::string username;
        std::string password;
        std::string topic_prefix = "hukiosk";
        double interval_s = 60;
    } heartbeat;
    // The update agent (hawkBit DDI + RAUC). No server: no agent.
    struct Update {
        std::string server_url;  // "https://updates.example.cn"; http only with allow_plain_http
        std::string tenant = "DEFAULT";
        std::string controller_id;                // empty: kiosk_id
        std::filesystem::path target_token_file;  // the hawkBit target token, kept out of this file
        std::filesystem::path ca_file;            // https: the server is checked against this CA only
        std::filesystem::path cert_file;          // TLS client certificate, when the server asks for one
        std::filesystem::path key_file;
        bool allow_plain_http = false;  // development and tests on loopback only
        double poll_override_s = 0;     // > 0: poll this often, whatever the server says
        // After start, the agent waits this long before its first poll: after a reboot into a new slot its
        // health check needs the devices opened and the screen up.
        double start_delay_s = 20;
        std::string compatible = "hukiosk-x86_64";
        // The CA that update bundles must be signed by.
        std::filesystem::path keyring = "/etc/rauc/keyring.pem";
        std::string installer = "rauc";  // "rauc" (D-Bus, the system bus) or "simulated" (slots in a file)
        std::string rauc_bus;            // a D-Bus address; empty: the system bus
        std::string province;            // reported to the server as target attributes
        std::string site;
        std::string hardware;
    } update;
    struct Health {
        double grace_s = 20;        // after start, device failures are not yet declared
        int failures_to_fault = 3;  // consecutive failed health checks that make a device faulted
    } health;
    // A device job running longer than this means a wedged worker: the systemd watchdog is no longer fed.
    double watchdog_stall_s = 180;
    struct Technician {
        std::string card;      // the technician card's identity as the chip reader reads it
        std::string pin_hash;  // from `kioskctl hash-pin`
    };
    std::vector<Technician> technicians;
    int sim_a4_sheets = 250;
    int sim_receipt_paper_mm = 30'000;
};

std::expected<KioskConfig, std::string> parse_config(std::string_view json);
std::expected<KioskConfig, std::string> load_config(const std::filesystem::path& file);

}  // namespace hk::kiosk
