// ddi-test-server: the DDI test server as a program, for `make demo` and for the fleet simulation's peer.
// Offers one bundle to one controller, prints "listening PORT" once ready, and on SIGTERM or SIGINT writes
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
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--controller") controller = value;
        if (key == "--bundle") bundle_file = value;
        if (key == "--version") version = value;
        if (key == "--feedback") feedback_file = value;
    }
    std::ifstream in(bundle_file, std::ios::binary);
    std::ostringstream bundle;
    bundle << in.rdbuf();
    if (controller.empty() || version.empty() || bundle.str().empty()) {
        std::cerr << "usage: ddi-test-server --controller ID --bundle FILE --version V [--feedback FILE]\n";
        return 2;
    }
    std::signal(SIGTERM, request_stop);
    std::signal(SIGINT, request_stop);
    hk::update::testing::DdiTestServer server;
    server.set_polling_sleep("00:00:02");
    const std::string action = server.offer(controller, bundle.str(), version);
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
