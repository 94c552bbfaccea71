// One kiosk process's worth of update agent, for the crash test: polls the DDI test server until the agent is
// idle again with an outcome in its history, and kills itself with SIGKILL the first time it logs the event
// named by --die-at (a marker file makes that happen once per folder). A "reboot" ends the process after
// leaving a marker; the test then boots the other slot and starts the next process, as the kiosk's boot
// would. With PAYLOAD "configuration" the action is a site configuration, applied by a text configuration
// target whose state is kept in the folder.
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "update/ddi_client.h"
#include "update/update_agent.h"
#include "update_doubles.h"

int main(int argc, char** argv) {
    if (argc != 5 && argc != 6) {
        std::cerr << "usage: update_agent_runner SERVER_URL DIR RUNNING_VERSION DIE_AT [PAYLOAD]\n";
        return 2;
    }
    const std::string server_url = argv[1];
    const std::filesystem::path dir = argv[2];
    const std::string running = argv[3];
    const std::string die_at = argv[4];

    hk::update::DdiClient client(
        {.server_url = server_url, .controller_id = "kiosk-crash", .allow_plain_http = true});
    hk::update::testing::TextBundleInspector inspector;
    hk::update::testing::SimulatedSlots installer(dir / "slots.json", inspector);
    hk::update::AgentSettings settings{.running_version = running, .work_dir = dir / "update"};
    settings.fetch.first_pause = std::chrono::milliseconds(1);
    settings.fetch.max_pause = std::chrono::milliseconds(5);
    hk::update::KioskHooks hooks;
    hooks.log = [&](std::string_view event, std::string_view) {
        if (event == die_at && !std::filesystem::exists(dir / "died")) {
            std::ofstream(dir / "died") << event;
            std::raise(SIGKILL);
        }
    };
    hooks.boot_id = [&] { return installer.boot_id(); };
    hooks.reboot = [&] {
        std::ofstream(dir / "reboot-requested") << "1";
        std::_Exit(0);
    };
    hk::update::testing::TextConfigurationTarget configuration(dir / "configuration.txt");
    hk::update::UpdateAgent agent(settings, client, inspector, installer, hooks, &configuration);
    agent.start();
    for (int round = 0; round < 40; ++round) {
        const auto status = agent.status();
        if (status.phase == hk::update::AgentPhase::Idle && !status.history.empty()) return 0;
        (void)agent.run_once();
    }
    std::cerr << "update_agent_runner: no outcome after 40 polls\n";
    return 1;
}
