#include "kiosk_app.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>
#include <string_view>

#include <spdlog/spdlog.h>

#include "card_reader_backends.h"
#include "central/https_central_service.h"
#include "command_executor.h"
#include "control_commands.h"
#include "event_queue.h"
#include "health_monitor.h"
#include "journal/journal.h"
#include "kiosk/view.h"
#include "kiosk_snapshot.h"
#include "kiosk_voice.h"
#include "operations.h"
#include "ops/control/control_server.h"
#include "ops/events/log_event.h"
#include "ops_recorder.h"
#include "page_reader.h"
#include "printer_backends.h"
#include "pushed_configuration.h"
#include "recovery.h"
#include "scanner_backends.h"
#include "script.h"
#include "service_desk.h"
#include "sim/simulation.h"
#include "sim_keys.h"
#include "site_settings.h"
#include "startup_fault.h"
#include "transcript.h"
#include "ui/front_end.h"
#include "update_service.h"
#include "watchdog.h"

namespace hk::kiosk {
namespace {

using ops::Disposition;
using ops::EventId;
using ops::log_event;

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::atomic<bool> g_stop_requested{false};

extern "C" void request_stop(int) {
    g_stop_requested = true;
}

std::string random_hex(std::size_t bytes) {
    std::random_device device;
    std::string hex;
    for (std::size_t i = 0; i < bytes; ++i) {
        char pair[3];
        std::snprintf(pair, sizeof pair, "%02x", device() & 0xFFu);
        hex += pair;
    }
    return hex;
}

std::string local_time_text() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    localtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &parts);
    return text;
}

std::expected<std::vector<ScriptStep>, std::string> read_script(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return std::unexpected("cannot open script " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return parse_script(text.str());
}

// Saves screenshots named by the order screens appeared in: 01-attract.png, 02-language.png, ...
class ScreenRecorder {
  public:
    explicit ScreenRecorder(std::optional<std::filesystem::path> dir) : dir_(std::move(dir)) {
        if (dir_) std::filesystem::create_directories(*dir_);
    }
    void save(const ui::FrontEnd& screen, const std::string& name) {
        if (!dir_) return;
        char prefix[16];
        std::snprintf(prefix, sizeof prefix, "%02d-", ++count_);
        if (auto saved = screen.save_screenshot(*dir_ / (prefix + name + ".png")); !saved) {
            log_event(EventId::ScreenshotFailed, "screenshot {} not saved: {}", name, saved.error());
        }
    }

  private:
    std::optional<std::filesystem::path> dir_;
    int count_ = 0;
};

// Where the kiosk keeps its state: the config's state_dir, else the --out folder, else ./hukiosk-state.
std::filesystem::path state_folder(const KioskConfig& config,
                                   const std::optional<std::filesystem::path>& out_dir) {
    if (!config.state_dir.empty()) return config.state_dir;
    return out_dir.value_or("hukiosk-state");
}

std::expected<Journal, std::string> open_journal(const KioskConfig& config,
                                                 const std::optional<std::filesystem::path>& out_dir) {
    const std::filesystem::path state_dir = state_folder(config, out_dir);
    const auto database = config.journal_db.empty() ? state_dir / "journal.db" : config.journal_db;
    const auto key = config.journal_key.empty() ? state_dir / "journal.key" : config.journal_key;
    auto box = SealedBox::open(key);
    if (!box) return std::unexpected(box.error());
    return Journal::open(database, std::move(*box));
}

std::chrono::milliseconds seconds(double value) {
    return std::chrono::milliseconds(static_cast<long>(value * 1000));
}

// The real central service over mutual TLS when the config names one; else (simulation only) none, and the
// simulated world's own in-process service stands in.
std::unique_ptr<CentralService> https_central(const KioskConfig& config) {
    if (config.central.url.empty()) return nullptr;
    central::CentralClientOptions client;
    client.base_url = config.central.url;
    client.ca_file = config.central.ca_file;
    client.client_cert_file = config.central.cert_file;
    client.client_key_file = config.central.key_file;
    client.connect_timeout = seconds(config.central.connect_timeout_s);
    client.attempt_timeout = seconds(config.central.request_timeout_s);
    client.max_attempts = config.central.attempts;
    return std::make_unique<central::HttpsCentralService>(std::move(client));
}

// What the config leaves to the simulation, by config key ("", when nothing).
std::string simulated_parts(const KioskConfig& config) {
    std::string parts;
    const auto note = [&parts](bool simulated, std::string_view key) {
        if (simulated) parts += (parts.empty() ? "" : ", ") + std::string{key};
    };
    note(config.resident_id_reader.backend == "simulated", "resident_id_reader");
    note(config.chip_reader.backend == "simulated", "chip_reader");
    note(config.scanner.backend == "simulated", "scanner");
    note(config.camera.backend == "simulated", "camera");
    note(config.a4_printer.backend == "simulated", "a4_printer");
    note(config.receipt_printer.backend == "simulated", "receipt_printer");
    note(config.central.url.empty(), "central");
    return parts;
}

KioskSnapshot snapshot_of(const State& state) {
    KioskSnapshot snapshot;
    snapshot.screen = std::string{to_string(state.screen)};
    snapshot.in_service = state.screen != Screen::OutOfService;
    snapshot.session_active = state.session.has_value();
    snapshot.maintenance_requested = state.maintenance_requested;
    if (state.closed_for_hours) snapshot.closed_until = state.reopens.empty() ? "?" : state.reopens;
    snapshot.device_ready = state.devices.ready;
    snapshot.sessions_since_start = state.session_serial;
    return snapshot;
}

ui::FrontEndOptions screen_options_of(const RunOptions& options) {
    ui::FrontEndOptions screen;
    screen.width = options.config.screen_width;
    screen.height = options.config.screen_height;
    screen.headless = options.headless;
    screen.panel_dpi = options.config.screen_dpi;
    return screen;
}

StartupFault startup_fault_for(const RunOptions& options) {
    // A stop (systemctl stop, Ctrl-C) must end a fault screen's hold too, so the handlers go in first.
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    StartupFaultOptions fault;
    fault.screen = screen_options_of(options);
    fault.hold = options.fault_hold;
    if (options.out_dir) fault.screenshot = *options.out_dir / "screens" / "00-out_of_service.png";
    fault.stop = &g_stop_requested;
    return StartupFault(std::move(fault));
}

// A stop asked for while the kiosk is still starting (systemd gave up waiting, a technician's restart): the
// start ends at the next step instead of bringing up the rest first.
bool stop_asked_while_starting(const KioskConfig& config, std::string_view step) {
    if (!g_stop_requested) return false;
    log_event(EventId::KioskStopping, "kiosk {} stopping while starting, before {}", config.kiosk_id, step);
    return true;
}

int run_until_stopped(const RunOptions& options) {
    const KioskConfig& config = options.config;
    StartupFault fault = startup_fault_for(options);
    Catalogue catalogue = default_catalogue();
    if (config.catalogue_file) {
        auto loaded = load_catalogue(*config.catalogue_file);
        if (!loaded) return fault.fail(EventId::StartupFailed, "catalogue: " + loaded.error());
        catalogue = std::move(*loaded);
    }
    if (!options.simulate) {
        if (const std::string simulated = simulated_parts(config); !simulated.empty()) {
            return fault.fail(
                EventId::StartupFailed,
                "without --simulate every device and the central service must be real; still simulated: " +
                    simulated);
        }
    }
    std::optional<ScriptRunner> script;
    if (options.out_dir) std::filesystem::create_directories(*options.out_dir);

    if (stop_asked_while_starting(config, "opening the devices")) return 0;
    sim::Simulation simulation(sim::demo_world(),
                               {.output_dir = options.out_dir.value_or(std::filesystem::path()),
                                .a4_sheets = config.sim_a4_sheets,
                                .receipt_paper_mm = config.sim_receipt_paper_mm,
                                .documents_under_camera = config.camera.for_documents});
    const std::unique_ptr<CentralService> remote = https_central(config);
    auto printers = open_printer_backends(config);
    if (!printers) return fault.fail(EventId::StartupFailed, printers.error());
    auto card_readers = open_card_reader_backends(config);
    if (!card_readers) return fault.fail(EventId::StartupFailed, card_readers.error());
    auto scanners = open_scanner_backends(config);
    if (!scanners) return fault.fail(EventId::StartupFailed, scanners.error());
    DeviceSet devices{card_readers->resident_id ? *card_readers->resident_id : simulation.id_reader,
                      card_readers->chip ? *card_readers->chip : simulation.chip_reader,
                      scanners->scanner ? *scanners->scanner : simulation.scanner,
                      scanners->mrz_reader ? *scanners->mrz_reader : simulation.mrz_reader,
                      scanners->camera ? *scanners->camera : simulation.camera,
                      printers->a4 ? *printers->a4 : simulation.a4_printer,
                      printers->receipt ? *printers->receipt : simulation.receipt_printer,
                      remote ? *remote : simulation.central};
    if (stop_asked_while_starting(config, "opening the journal")) return 0;
    auto journal = open_journal(config, options.out_dir);
    if (!journal) return fault.fail(EventId::StartupFailed, "journal: " + journal.error());
    const std::filesystem::path state_dir = state_folder(config, options.out_dir);
    auto operations = open_operations(config, state_dir);
    if (!operations) return fault.fail(EventId::StartupFailed, operations.error());
    Operations& ops = **operations;
    EventQueue events;
    if (options.script) {
        auto steps = read_script(*options.script);
        if (!steps) return fault.fail(EventId::StartupFailed, steps.error());
        script.emplace(std::move(*steps), &simulation, events);
    }

    if (stop_asked_while_starting(config, "opening the screen")) return 0;
    auto screen = ui::FrontEnd::open(screen_options_of(options));
    if (!screen) return fault.fail_without_screen(EventId::StartupFailed, "screen: " + screen.error());
    fault.screen_opened(**screen);
    log_event(EventId::TranslationsLoaded,
              has_text("attract.title") ? Disposition::Success : Disposition::Failure, "screen texts: {}",
              translations_source());
    // Speech is chosen per session (speech key, headset); the voice is opened once.
    KioskVoice voice({config.speech_available, options.simulate && options.headless,
                      options.out_dir ? *options.out_dir / "speech.txt" : std::filesystem::path()});
    ui::speech::Narrator narrator(voice);

    Transcript transcript = options.out_dir ? Transcript(*options.out_dir / "transcript.txt") : Transcript();
    ScreenRecorder recorder(options.out_dir ? std::optional(*options.out_dir / "screens") : std::nullopt);
    SimulationKeys keys(simulation);
    State state;
    state.kiosk_id = config.kiosk_id;
    state.boot_id = random_hex(8);

    if (stop_asked_while_starting(config, "recovery")) return 0;
    // Before the first screen: finish what a crash or power cut left half done.
    const RecoveryReport recovered = recover(*journal, devices);
    transcript.note(milliseconds(0), recovered.summary());

    // Set up on its own worker (seconds: OCR models and templates) while the first screen shows; declared
    // before the executor, which hands it pages, so it outlives it.
    PageReader page_reader(events, document_reader_factory());
    CommandExecutor executor(devices, events, catalogue,
                             {.kiosk_id = config.kiosk_id,
                              .boot_id = state.boot_id,
                              .journal = &*journal,
                              .poll_slice = milliseconds(200),
                              .local_time = local_time_text,
                              .page_reader = &page_reader,
                              .documents_from_camera = config.camera.for_documents});
    HealthMonitor health(
        devices, events,
        {config.health_poll, seconds(config.health.grace_s), config.health.failures_to_fault});
    EngineConfig engine_config = config.engine;
    engine_config.technician_cards = !config.technicians.empty();  // service mode on the screen
    // Provincial IT's site configuration (catalogue, texts, opening hours, timings): the one kept from before
    // now, a pushed one between citizens.
    std::optional<SessionEngine> engine;
    SiteSettings site(catalogue, engine_config, engine);
    PushedConfiguration pushed(config.update.keyring, state_dir / "config");
    if (auto kept = pushed.load_in_force(); kept.config || !kept.problem.empty()) {
        if (!kept.problem.empty()) log_event(EventId::SiteConfigUnusable, "{}", kept.problem);
        if (kept.config) {
            site.put_in_force(*kept.config);
            log_event(EventId::SiteConfigApplied, "site configuration {} kept from before", site.version());
        }
    }

    // Technicians and provincial IT: the snapshot the main loop publishes, the heartbeat, the operational
    // record of every event and command, the control socket, and systemd's watchdog.
    if (stop_asked_while_starting(config, "the heartbeat, updates and control socket")) return 0;
    SnapshotBoard board;
    auto heartbeat = start_heartbeat(config, board, ops);
    if (!heartbeat) return fault.fail(EventId::StartupFailed, heartbeat.error());
    const auto report_now = [&heartbeat] {
        if (*heartbeat) (*heartbeat)->publish_now();
    };
    OpsRecorder ops_recorder(ops, report_now);
    ControlContext control_context{config, ops, board, events, executor, devices, health, Clock::now()};
    // The default folder for the service screen's support bundles is ours to make; a configured one (a USB
    // stick's mount point) must be there, or the screen says it is not.
    std::filesystem::path bundle_dir = config.control.bundle_dir;
    if (bundle_dir.empty()) {
        bundle_dir = state_dir / "support-bundles";
        std::error_code ignored;
        std::filesystem::create_directories(bundle_dir, ignored);
    }
    // Provincial IT's updates: polled in the background, installed only between citizens.
    auto updates = UpdateService::start(config, state_dir, board, events, pushed, devices.central);
    if (!updates) return fault.fail(EventId::StartupFailed, updates.error());
    control_context.updates = updates->get();
    ServiceDesk service_desk(control_context, bundle_dir);
    executor.set_service_mode_hooks(service_desk.hooks());
    ops::ControlServerOptions control_options;
    control_options.socket =
        config.control.socket.empty() ? state_dir / "control.sock" : config.control.socket;
    control_options.group = config.control.group;
    auto control =
        ops::ControlServer::start(control_options, [&control_context](const ops::ControlRequest& request) {
            return handle_control(control_context, request);
        });
    if (!control) return fault.fail(EventId::StartupFailed, control.error());
    SystemdWatchdog watchdog(seconds(config.watchdog_stall_s));
    log_event(EventId::KioskStarted, "kiosk {} version {} started; control socket {}, state in {}",
              config.kiosk_id, kiosk_version(), control_options.socket.string(), state_dir.string());

    if (!options.headless) log_event(EventId::SimulationNote, "simulation keys: {}", kSimulationKeyHelp);

    const Clock::time_point start = Clock::now();
    auto elapsed = [start] { return std::chrono::duration_cast<milliseconds>(Clock::now() - start); };
    ui::ViewModel shown;
    std::string last_screen;
    bool ready_told = false;
    int exit_code = 0;

    while (!g_stop_requested) {
        for (ui::Input& input : (*screen)->poll_input()) {
            if (std::holds_alternative<ui::QuitRequested>(input)) g_stop_requested = true;
            if (auto* tap = std::get_if<ui::Tap>(&input)) events.push(UserAction{tap->action});
            if (auto* key = std::get_if<ui::KeyPress>(&input)) {
                if (std::string done = keys.press(key->key); !done.empty()) transcript.note(elapsed(), done);
            }
            speak_about(narrator, input, shown);
            if (std::holds_alternative<ui::FocusMoved>(input)) events.push(UserAction{"focus"});
            if (std::holds_alternative<ui::HelpOpened>(input)) events.push(UserAction{"help"});
            // A headset plugged into the jack: the citizen wants to listen (and on attract, to start).
            if (std::holds_alternative<ui::HeadsetPlugged>(input)) {
                voice.headset_plugged();
                events.push(UserAction{"a11y:speech_on"});
            }
        }
        events.push(ClockTick{elapsed()});
        if (auto offered = pushed.take_offer(!state.session.has_value())) {
            site.put_in_force(*offered);
            log_event(EventId::SiteConfigApplied, "site configuration {} in force", site.version());
        }
        if (auto opening = site.on_time(std::time(nullptr))) {
            log_event(EventId::OpeningHoursChanged, "{}",
                      opening->open ? "opened" : "closed until " + opening->reopens);
            events.push(std::move(*opening));
        }
        while (auto event = events.try_pop()) {
            transcript.event(elapsed(), *event);
            Transition next = engine->step(std::move(state), *event);
            state = std::move(next.state);
            ops_recorder.on_event(*event, state, Clock::now());
            for (Command& command : next.commands) {
                transcript.command(elapsed(), command);
                ops_recorder.on_command(command, Clock::now());
                executor.execute(std::move(command));
            }
        }
        ui::ViewModel view = build_view(state, *engine);
        if (view != shown) {
            (*screen)->render(view);
            narrator.on_view(view);
            if (view.screen != last_screen) {
                transcript.screen(elapsed(), view.screen);
                recorder.save(**screen, view.screen);
                last_screen = view.screen;
            }
            shown = std::move(view);
            if (!ready_told) watchdog.ready();
            ready_told = true;
        }
        const KioskSnapshot before = board.read();
        const KioskSnapshot now = snapshot_of(state);
        if (board.publish(now) && (before.in_service != now.in_service ||
                                   before.maintenance_requested != now.maintenance_requested)) {
            report_now();
        }
        const CommandExecutor::BusiestWorker busiest = executor.busiest_worker(Clock::now());
        watchdog.feed(Clock::now(), busiest.name, busiest.busy_for);
        if (script) {
            const auto status = script->advance(shown, elapsed());
            if (auto name = script->take_screenshot_request()) recorder.save(**screen, *name);
            if (auto key = script->take_key_request()) {
                if (auto pressed = (*screen)->press_key(*key); !pressed) {
                    log_event(EventId::ScriptFailed, "{}", pressed.error());
                    exit_code = 1;
                    break;
                }
            }
            if (status == ScriptRunner::Status::Failed) {
                log_event(EventId::ScriptFailed, "{}", script->failure());
                transcript.note(elapsed(), script->failure());
                exit_code = 1;
                break;
            }
            if (status == ScriptRunner::Status::Finished) {
                transcript.note(elapsed(), "script finished");
                break;
            }
        }
        events.wait_for_any(milliseconds(15));
    }
    log_event(EventId::KioskStopping, "kiosk {} stopping", config.kiosk_id);
    watchdog.stopping();
    // Whatever was in progress, nothing personal outlives the process's memory.
    executor.execute(WipePersonalData{});
    return exit_code;
}

}  // namespace

int refuse_to_start(const RunOptions& options, ops::EventId event, const std::string& reason) {
    return startup_fault_for(options).fail(event, reason);
}

int run_kiosk(const RunOptions& options) {
    const int exit_code = run_until_stopped(options);
    if (PageReader::setups_running() > 0) {
        // Stopped while the document reader still loads its OCR models (about a second here, minutes on a
        // slow machine), which cannot be interrupted and hold nothing to keep; everything else has shut down
        // in order. exit() would run the libraries' static destructors under the loading thread.
        log_event(EventId::KioskStopping, "not waiting for the document reader's models to finish loading");
        if (const auto logger = spdlog::default_logger()) logger->flush();
        (void)std::fflush(nullptr);  // C's buffers, which std::cout shares; exit() would have flushed them
        std::_Exit(exit_code);
    }
    return exit_code;
}

}  // namespace hk::kiosk
