// ddi-test-server: the DDI test server as a program, for `make demo` and for the fleet simulation's peer.
// Offers one bundle to one controller, and after it (if given) a signed site configuration, prints "listening
// PORT" once ready, and on SIGTERM or SIGINT writes
// every feedback it received, one JSON object a line, to --feedback (or standard output).
#include <csignal>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "ddi_test_server.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void request_stop(int /*signal*/) {
    g_stop = 1;
}

}  // namespace

int main(int argc, char** argv) {
    std::string controller;
    std::string bundle_file;
    std::string version;
    std::string feedback_file;
    std::string site_config_file;
    std::string site_config_version;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--controller") controller = value;
        if (key == "--bundle") bundle_file = value;
        if (key == "--version") version = value;
        if (key == "--feedback") feedback_file = value;
        if (key == "--site-config") site_config_file = value;
        if (key == "--site-config-version") site_config_version = value;
    }
    const auto read = [](const std::string& file) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        return bytes.str();
    };
    const std::string bundle = read(bundle_file);
    const std::string site_config = site_config_file.empty() ? std::string() : read(site_config_file);
    if (controller.empty() || version.empty() || bundle.empty() ||
        (!site_config_file.empty() && (site_config.empty() || site_config_version.empty()))) {
        std::cerr
            << "usage: ddi-test-server --controller ID --bundle FILE --version V [--site-config FILE.p7m "
               "--site-config-version V] [--feedback FILE]\n";
        return 2;
    }
    std::signal(SIGTERM, request_stop);
    std::signal(SIGINT, request_stop);
    hk::update::testing::DdiTestServer server;
    server.set_polling_sleep("00:00:02");
    (void)server.offer(controller, bundle, version);
    if (!site_config.empty()) (void)server.offer_configuration(controller, site_config, site_config_version);
    const std::string url = server.base_url();
    std::cout << "listening " << url.substr(url.rfind(':') + 1) << std::endl;
    while (g_stop == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));

    std::ofstream file;
    if (!feedback_file.empty()) file.open(feedback_file);
    std::ostream& out = feedback_file.empty() ? std::cout : file;
    for (const auto& received : server.feedback()) {
        out << nlohmann::json{{"action", received.action_id},
                              {"execution", received.execution},
                              {"finished", received.finished},
                              {"details", received.details}}
                   .dump()
            << "\n";
    }
    return 0;
}
