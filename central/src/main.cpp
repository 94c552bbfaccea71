// central-ref: the reference central service. Kiosks (and their tests and demo) talk to it over HTTPS with
// mutual TLS exactly as they would to the province's own implementation of central/openapi.yaml.
//
//   central-ref [--listen 127.0.0.1:PORT] [--db FILE] [--pki DIR] [--seed N] [--issued-on YYYY-MM-DD]
//   [--verbose]
//
// Once listening it prints one line, "listening on HOST:PORT", to stdout (PORT 0 picks a free port: read it
// there). SIGTERM or SIGINT stops it cleanly.
#include <CLI/CLI.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <future>

#include "catalogue.h"
#include "central_service.h"
#include "embedded_data.h"
#include "pki.h"
#include "server.h"
#include "store.h"

namespace {

using namespace hk::central;

struct Endpoint {
    std::string host;
    int port = 0;
};

std::optional<Endpoint> parse_listen(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    try {
        std::size_t used = 0;
        const int port = std::stoi(text.substr(colon + 1), &used);
        if (used != text.size() - colon - 1 || port < 0 || port > 65535) return std::nullopt;
        return Endpoint{text.substr(0, colon), port};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool is_iso_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    const int month = std::stoi(text.substr(5, 2));
    const int day = std::stoi(text.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

int fail(const std::string& message) {
    std::fprintf(stderr, "central-ref: %s\n", message.c_str());
    return 1;
}

// Waits for SIGINT/SIGTERM (blocked in every thread, so they queue here) or for the listener to end by
// itself.
void wait_for_stop(const sigset_t& signals, std::future<bool>& listener) {
    const timespec tick{0, 100'000'000};
    while (listener.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        if (sigtimedwait(&signals, nullptr, &tick) > 0) return;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"central-ref: the reference HuKiosk central service (HTTPS, mutual TLS, SQLite)"};
    std::string listen = "127.0.0.1:8443";
    std::string db_path = "central-ref.sqlite";
    std::string pki_dir = "pki";
    std::uint64_t seed = 1;
    std::string issued_on;
    bool verbose = false;
    app.add_option("--listen", listen, "HOST:PORT to listen on; port 0 picks a free one")
        ->capture_default_str();
    app.add_option("--db", db_path, "SQLite database file, created if missing")->capture_default_str();
    app.add_option("--pki", pki_dir, "folder made by tools/dev-pki.sh")->capture_default_str();
    app.add_option("--seed", seed, "seed of the synthetic population")->capture_default_str();
    app.add_option("--issued-on", issued_on, "fixed issue date YYYY-MM-DD (default: today)");
    app.add_flag("--verbose", verbose, "log one line per request to stderr");
    CLI11_PARSE(app, argc, argv);

    const std::optional<Endpoint> endpoint = parse_listen(listen);
    if (!endpoint) return fail("--listen must be HOST:PORT, got " + listen);
    if (!issued_on.empty() && !is_iso_date(issued_on)) return fail("--issued-on must be YYYY-MM-DD");
    const PkiFiles pki = pki_files(pki_dir);
    if (auto ok = check_pki(pki); !ok) return fail(ok.error());

    // Signals are blocked before any thread starts so that every thread inherits the mask and only
    // wait_for_stop receives them; SIGPIPE from a kiosk hanging up mid-answer must not kill the service.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    try {
        const auto catalogue = Catalogue::parse(hk::central::embedded::kCatalogueJson);
        if (!catalogue) return fail(catalogue.error());
        const auto signer = load_signer(pki);
        if (!signer) return fail(signer.error());
        Store store(db_path);
        {
            Transaction tx = store.begin();
            store.replace_population(tx, build_population(seed), seed);
            tx.commit();
        }
        CentralService service(store, *catalogue, **signer, system_clock(issued_on));
        CentralServer server(service, ServerTls{pki.server_cert, pki.server_key, pki.ca}, verbose);
        const auto port = server.bind(endpoint->host, endpoint->port);
        if (!port) return fail(port.error());

        std::printf("listening on %s:%d\n", endpoint->host.c_str(), *port);
        std::fflush(stdout);
        std::future<bool> listener = std::async(std::launch::async, [&server] { return server.run(); });
        wait_for_stop(stop_signals, listener);
        // stop() before the listener has started is a no-op, so keep asking until it has ended.
        while (listener.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) server.stop();
        return listener.get() ? 0 : fail("listener failed");
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}
