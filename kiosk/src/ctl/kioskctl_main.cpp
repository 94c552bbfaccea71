// kioskctl: the technician's command line. Online subcommands talk to the running kiosk over its control
// socket (online_commands.h); offline ones need no running kiosk.
#include <CLI/CLI.hpp>

#include <iostream>

#include "chip_command.h"
#include "idcard_command.h"
#include "mrz_command.h"
#include "ocr_command.h"
#include "online_commands.h"
#include "verify_command.h"

int main(int argc, char** argv) {
    CLI::App cli{"kioskctl: HuKiosk technician tools"};
    cli.require_subcommand(1);

    hk::kiosk::ctl::VerifyOptions verify;
    verify.keys_file = "/etc/hukiosk/proof-keys.json";
    CLI::App* verify_cli = cli.add_subcommand(
        "verify",
        "check the proof code of a certificate: a PDF, a PNG/JPEG photo or scan, or the payload text");
    verify_cli->add_option("inputs", verify.inputs, "files, or a payload starting with HK1.")->required();
    verify_cli
        ->add_option("--keys", verify.keys_file,
                     "provincial public keys: the JSON of GET /v1/keys, or a PEM key with --key-id")
        ->capture_default_str();
    verify_cli->add_option("--key-id", verify.key_id, "key id of a PEM key given with --keys");
    verify_cli->add_option("--today", verify.today,
                           "date to check validity against (YYYY-MM-DD); default: today");
    verify_cli->add_flag("--json", verify.json, "one JSON object a line");

    hk::kiosk::ctl::ChipReadOptions chip;
    double chip_wait_s = 10;
    std::string trust_store;
    CLI::App* chip_cli = cli.add_subcommand("chip", "e-passport and travel permit chips");
    chip_cli->require_subcommand(1);
    CLI::App* chip_read_cli = chip_cli->add_subcommand(
        "read",
        "read a chip through a reader: PACE or BAC, the data groups, passive and active/chip authentication");
    chip_read_cli
        ->add_option("--reader", chip.reader, "pcsc:<reader name or part of it> or nfc:<libnfc connstring>")
        ->required();
    chip_read_cli->add_option("--mrz", chip.mrz,
                              "MRZ line 2 of a passport (TD3/TD2), or TD1 lines 1 and 2 together");
    chip_read_cli->add_option("--can", chip.can, "card access number printed on the document (PACE)");
    chip_read_cli->add_option("--trust", trust_store,
                              "CSCA trust store directory (certificates, master lists)");
    chip_read_cli->add_option("--wait", chip_wait_s, "seconds to wait for a card")->capture_default_str();
    chip_read_cli->add_flag("--no-face", chip.skip_face, "do not read DG2 (the face image)");
    chip_read_cli->add_flag("--json", chip.json, "one JSON object");

    hk::kiosk::ctl::IdCardReadOptions idcard;
    double idcard_wait_s = 10;
    CLI::App* idcard_cli = cli.add_subcommand("idcard", "China resident ID cards");
    idcard_cli->require_subcommand(1);
    CLI::App* idcard_read_cli =
        idcard_cli->add_subcommand("read", "read a resident ID card through a GA 467 reader");
    idcard_read_cli
        ->add_option("--reader", idcard.reader, "ga467:/dev/ttyUSB0[@baud] or ga467:usb[:VVVV:PPPP]")
        ->required();
    idcard_read_cli->add_option("--wait", idcard_wait_s, "seconds to wait for a card")->capture_default_str();
    idcard_read_cli->add_flag("--json", idcard.json, "one JSON object");

    hk::kiosk::ctl::MrzOptions mrz;
    std::vector<std::string> mrz_images;
    CLI::App* mrz_cli = cli.add_subcommand(
        "mrz", "read the MRZ of passport pages and ID cards in image files with the kiosk's OCR-B reader");
    mrz_cli->add_option("images", mrz_images, "image files (PNG, JPEG, PNM ...)")->required();
    mrz_cli->add_flag("--json", mrz.json, "one JSON object a line");

    hk::kiosk::ctl::OcrOptions ocr;
    std::vector<std::string> ocr_images;
    std::string ocr_today;
    std::string ocr_templates;
    CLI::App* ocr_cli = cli.add_subcommand(
        "ocr",
        "read supporting documents (household register page, marriage certificate, ...) in image files");
    ocr_cli->add_option("images", ocr_images, "image files (PNG, JPEG, PNM ...)")->required();
    ocr_cli->add_flag("--json", ocr.json, "one JSON object a line");
    ocr_cli->add_option("--doc", ocr.document_type, "read as this document type instead of recognising it");
    ocr_cli->add_flag("--camera", ocr.camera, "photos: find the page in the frame and undo the perspective");
    ocr_cli->add_option("--templates", ocr_templates, "folder of document templates (*.json)");
    ocr_cli->add_option("--today", ocr_today,
                        "date that later dates are invalid after (YYYY-MM-DD); default: today");

    // Online subcommands: status, devices, selftest, ... (they talk to the running kiosk).
    hk::kiosk::ctl::OnlineCommands online(cli);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // Help and version exit 0; every usage mistake exits 2, as each subcommand's documentation says.
        return cli.exit(error) == 0 ? 0 : 2;
    }
    if (const auto code = online.run(std::cin, std::cout, std::cerr)) return *code;
    if (ocr_cli->parsed()) {
        ocr.images.assign(ocr_images.begin(), ocr_images.end());
        ocr.templates_dir = ocr_templates;
        const auto today = hk::kiosk::ctl::parse_date(ocr_today);
        if (!today) {
            std::cerr << "kioskctl ocr: --today: not a date YYYY-MM-DD: " << ocr_today << "\n";
            return 2;
        }
        ocr.today = *today;
        return hk::kiosk::ctl::run_ocr(ocr, std::cout, std::cerr);
    }
    if (mrz_cli->parsed()) {
        mrz.images.assign(mrz_images.begin(), mrz_images.end());
        return hk::kiosk::ctl::run_mrz(mrz, std::cout, std::cerr);
    }
    if (verify_cli->parsed()) return hk::kiosk::ctl::run_verify(verify, std::cout, std::cerr);
    const auto milliseconds = [](double seconds) {
        return std::chrono::milliseconds(static_cast<long>(seconds * 1000));
    };
    if (chip_read_cli->parsed()) {
        chip.wait = milliseconds(chip_wait_s);
        if (!trust_store.empty()) chip.trust_store = trust_store;
        return hk::kiosk::ctl::run_chip_read(chip, std::cout, std::cerr);
    }
    if (idcard_read_cli->parsed()) {
        idcard.wait = milliseconds(idcard_wait_s);
        return hk::kiosk::ctl::run_idcard_read(idcard, std::cout, std::cerr);
    }
    return 2;
}
