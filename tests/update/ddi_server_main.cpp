// ddi-test-server: the DDI test server as a program, for `make demo`, the fleet simulation's peer and the
// image's boot test. Offers one bundle to one controller, then (if given) a second bundle (--then-bundle, the
// image test's broken update) and a signed site configuration, prints "listening PORT" once ready, and writes
// every feedback it received, one JSON object a line, to --feedback (rewritten each second, so a test can
// watch it) or, at SIGTERM or SIGINT, to standard output.
#include <csignal>
#include <filesystem>
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
    std::string then_bundle_file;
    std::string then_version;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--controller") controller = value;
        if (key == "--bundle") bundle_file = value;
        if (key == "--version") version = value;
        if (key == "--feedback") feedback_file = value;
        if (key == "--site-config") site_config_file = value;
        if (key == "--site-config-version") site_config_version = value;
        if (key == "--then-bundle") then_bundle_file = value;
        if (key == "--then-version") then_version = value;
    }
    const auto read = [](const std::string& file) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        return bytes.str();
    };
    const std::string bundle = read(bundle_file);
    const std::string site_config = site_config_file.empty() ? std::string() : read(site_config_file);
    const std::string then_bundle = then_bundle_file.empty() ? std::string() : read(then_bundle_file);
    if (controller.empty() || version.empty() || bundle.empty() ||
        (!site_config_file.empty() && (site_config.empty() || site_config_version.empty())) ||
        (!then_bundle_file.empty() && (then_bundle.empty() || then_version.empty()))) {
        std::cerr << "usage: ddi-test-server --controller ID --bundle FILE --version V [--then-bundle FILE "
                     "--then-version V] [--site-config FILE.p7m --site-config-version V] [--feedback FILE]\n";
        return 2;
    }
    std::signal(SIGTERM, request_stop);
    std::signal(SIGINT, request_stop);
    hk::update::testing::DdiTestServer server;
    server.set_polling_sleep("00:00:02");
    (void)server.offer(controller, bundle, version);
    if (!then_bundle.empty()) (void)server.offer(controller, then_bundle, then_version);
    if (!site_config.empty()) (void)server.offer_configuration(controller, site_config, site_config_version);
    const std::string url = server.base_url();
    std::cout << "listening " << url.substr(url.rfind(':') + 1) << std::endl;
    const auto write_feedback = [&server](std::ostream& out) {
        for (const auto& received : server.feedback()) {
            out << nlohmann::json{{"action", received.action_id},
                                  {"execution", received.execution},
                                  {"finished", received.finished},
                                  {"details", received.details}}
                       .dump()
                << "\n";
        }
    };
    // The file is replaced whole (write, then rename), so a reader never sees half a line.
    const auto save_feedback = [&] {
        if (feedback_file.empty()) return;
        const std::string partial = feedback_file + ".partial";
        {
            std::ofstream file(partial, std::ios::trunc);
            write_feedback(file);
        }
        std::filesystem::rename(partial, feedback_file);
    };
    for (int tick = 0; g_stop == 0; ++tick) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (tick % 10 == 0) save_feedback();
    }
    save_feedback();
    if (feedback_file.empty()) write_feedback(std::cout);
    return 0;
}
