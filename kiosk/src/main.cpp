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
    double fault_hold_s = 30;
    auto* fault_hold =
        cli.add_option("--fault-hold", fault_hold_s,
                       "when the kiosk cannot start: seconds it shows the out-of-service screen "
                       "before exiting (systemd then starts it again); default 30, 0 with --script")
            ->check(CLI::Range(0.0, 3600.0));
    CLI11_PARSE(cli, argc, argv);
    // journald when systemd runs the kiosk, stderr otherwise; every line carries its event id.
    hk::ops::init_logging(hk::ops::default_log_target());

    if (!script_file.empty()) options.script = script_file;
    if (!out_dir.empty()) options.out_dir = out_dir;
    // A scripted run (make demo, the tests) ends at once on a start-up failure unless told otherwise.
    if (fault_hold->count() == 0 && options.script) fault_hold_s = 0;
    options.fault_hold = std::chrono::milliseconds(static_cast<long>(fault_hold_s * 1000));
    if (!config_file.empty()) {
        auto config = hk::kiosk::load_config(config_file);
        if (!config)
            return hk::kiosk::refuse_to_start(options, hk::ops::EventId::ConfigInvalid, config.error());
        options.config = std::move(*config);
    }
    return hk::kiosk::run_kiosk(options);
}
