// icao-card-sim: a simulated e-passport chip (a test document signed through a test CSCA) for trying the
// kiosk or `kioskctl chip read` without a passport, in front of a real transport:
//   --pn532 PATH      a PN532 on a pseudo-terminal, PATH kept pointing at it: libnfc reaches it as
//                     nfc:pn532_uart:PATH
//   --vpcd-port N     a client of pcscd's vpcd driver on 127.0.0.1:N (Debian's vsmartcard-vpcd listens on
//   35963
//                     for the reader "Virtual PCD 00 00")
//   --trust DIR       write the test CSCA there, for passive authentication (kioskctl chip read --trust DIR)
//   --max-read N      the largest READ BINARY the chip serves (default 65536)
// Prints the device, the MRZ's second line and the CAN, then takes one command a line on stdin:
//   insert | remove | quit
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "drivers/icao9303/test_document.h"
#include "drivers/sim/icao_test_card.h"
#include "drivers/transports/pn532_emulator.h"
#include "drivers/transports/vpcd_card_bridge.h"

namespace {

namespace testdoc = hk::drivers::icao9303::testdoc;

int usage() {
    std::fprintf(stderr,
                 "usage: icao-card-sim (--pn532 PATH | --vpcd-port N) [--trust DIR] [--max-read N]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string pn532_path;
    int vpcd_port = 0;
    std::string trust_dir;
    hk::drivers::sim::IcaoCardQuirks quirks;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (i + 1 >= argc) return usage();
        const std::string value = argv[++i];
        if (argument == "--pn532") {
            pn532_path = value;
        } else if (argument == "--vpcd-port") {
            vpcd_port = std::stoi(value);
        } else if (argument == "--trust") {
            trust_dir = value;
        } else if (argument == "--max-read") {
            quirks.max_read = std::stoul(value);
        } else {
            return usage();
        }
    }
    if (pn532_path.empty() == (vpcd_port == 0)) return usage();

    auto document = testdoc::make_test_document();
    if (!document) {
        std::fprintf(stderr, "icao-card-sim: %s\n", document.error().c_str());
        return 1;
    }
    if (!trust_dir.empty()) {
        if (auto written = testdoc::write_trust_file(trust_dir, testdoc::TrustFileFormat::Pem); !written) {
            std::fprintf(stderr, "icao-card-sim: %s\n", written.error().c_str());
            return 1;
        }
    }
    auto card = hk::drivers::sim::make_test_card(*document, quirks);

    std::unique_ptr<hk::drivers::transports::Pn532Emulator> emulator;
    std::unique_ptr<hk::drivers::transports::VpcdCardBridge> bridge;
    if (!pn532_path.empty()) {
        hk::drivers::transports::Pn532EmulatorOptions options;
        options.symlink_path = pn532_path;
        emulator = std::make_unique<hk::drivers::transports::Pn532Emulator>(*card, options);
        if (auto started = emulator->start(); !started) {
            std::fprintf(stderr, "icao-card-sim: %s\n", started.error().c_str());
            return 1;
        }
        std::printf("device nfc:%s\n", emulator->device_string().c_str());
    } else {
        hk::drivers::transports::VpcdBridgeOptions options;
        options.port = static_cast<std::uint16_t>(vpcd_port);
        bridge = std::make_unique<hk::drivers::transports::VpcdCardBridge>(*card, options);
        bridge->start();
        std::printf("device vpcd 127.0.0.1:%d\n", vpcd_port);
    }
    std::printf("mrz %s\ncan 123456\n", document->mrz.substr(44).c_str());
    std::fflush(stdout);

    std::string line;
    while (std::getline(std::cin, line)) {
        if (line == "insert") {
            if (emulator) emulator->insert_card();
            if (bridge) bridge->insert_card();
        } else if (line == "remove") {
            if (emulator) emulator->remove_card();
            if (bridge) bridge->remove_card();
        } else if (line == "quit") {
            break;
        } else if (!line.empty()) {
            std::fprintf(stderr, "icao-card-sim: unknown command\n");
        }
    }
    return 0;
}
