// kioskctl: the technician's command line. Offline subcommands need no running kiosk.
#include <CLI/CLI.hpp>

#include <iostream>

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

    CLI11_PARSE(cli, argc, argv);
    if (verify_cli->parsed()) return hk::kiosk::ctl::run_verify(verify, std::cout, std::cerr);
    return 2;
}
