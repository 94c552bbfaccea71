// kiosk: the HuKiosk appliance. See README.md for the options and the configuration keys.
#include <CLI/CLI.hpp>

#include <csignal>

#include "app/crash_report.h"
#include "app/kiosk_app.h"
#include "ops/events/log_event.h"

int main(int argc, char** argv) {
    // A peer closing a TLS connection must end in an error value, not in SIGPIPE killing the kiosk.
    std::signal(SIGPIPE, SIG_IGN);
    // A crash leaves its signal, thread and backtrace in the journal (event kiosk_crashed).
    hk::kiosk::install_crash_report();
    CLI::App cli{"HuKiosk: household-registration self-service kiosk"};
    std::string config_file;
    std::string script_file;
    std::string out_dir;
    hk::kiosk::RunOptions options;
    cli.add_option("--config", config_file, "configuration file (JSON); built-in defaults without it")
        ->check(CLI::ExistingFile);
    cli.add_flag("--simulate", options.simulate, "simulated devices and central service");
    cli.add_flag("--headless", options.headless, "no window: render off-screen (screenshots still work)");
    cli.add_option("--script", script_file, "run a scripted citizen session, then exit")
        ->check(CLI::ExistingFile);
    cli.add_option("--out", out_dir, "folder for screenshots, the transcript and simulated print-outs");
    CLI11_PARSE(cli, argc, argv);
    // journald when systemd runs the kiosk, stderr otherwise; every line carries its event id.
    hk::ops::init_logging(hk::ops::default_log_target());

    if (!config_file.empty()) {
        auto config = hk::kiosk::load_config(config_file);
        if (!config) {
            hk::ops::log_event(hk::ops::EventId::ConfigInvalid, "{}", config.error());
            return 2;
        }
        options.config = std::move(*config);
    }
    if (!script_file.empty()) options.script = script_file;
    if (!out_dir.empty()) options.out_dir = out_dir;
    return hk::kiosk::run_kiosk(options);
}
