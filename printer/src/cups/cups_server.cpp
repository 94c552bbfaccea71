#include "cups_server.h"

#include <sys/socket.h>

#include <charconv>
#include <chrono>
#include <optional>
#include <string_view>

namespace hk::printer::cups::detail {

namespace {

struct ServerAddress {
    std::string host;  // a name, an address, or a socket path
    int port = 0;
};

// Splits "host:port" the way CUPS_SERVER is written; a path is a socket and has no port; "[v6]:port" keeps
// its brackets out of the host.
std::optional<ServerAddress> parse_server(std::string_view server) {
    if (server.starts_with('/')) return ServerAddress{std::string(server), 0};
    std::string_view host = server;
    int port = ippPort();
    const std::size_t colon = server.rfind(':');
    const bool bracketed = server.starts_with('[');
    if (colon != std::string_view::npos && (!bracketed || colon > server.find(']'))) {
        const std::string_view digits = server.substr(colon + 1);
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
        if (error != std::errc{} || end != digits.data() + digits.size() || port <= 0 || port > 65535)
            return std::nullopt;
        host = server.substr(0, colon);
    }
    if (bracketed && host.size() >= 2 && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty()) return std::nullopt;
    return ServerAddress{std::string(host), port};
}

ServerAddress resolve(const CupsOptions& options) {
    if (!options.server.empty()) {
        if (auto parsed = parse_server(options.server)) return *parsed;
        return ServerAddress{};
    }
    // cupsServer() reads CUPS_SERVER and client.conf and leaves a port given there in ippPort().
    return ServerAddress{cupsServer(), ippPort()};
}

// httpSetTimeout's callback: returning 0 gives up on an answer that did not come within the request timeout,
// instead of libcups' default of waiting forever for a hung scheduler.
int give_up(http_t*, void*) {
    return 0;
}

}  // namespace

std::string describe_server(const CupsOptions& options) {
    const ServerAddress address = resolve(options);
    if (address.host.empty()) return "'" + options.server + "'";
    if (address.host.starts_with('/')) return address.host;
    return address.host + ":" + std::to_string(address.port);
}

std::expected<Connection, drivers::DeviceFault> connect(const CupsOptions& options) {
    const ServerAddress address = resolve(options);
    if (address.host.empty()) {
        return std::unexpected(
            a4_fault(drivers::FaultKind::Unplugged,
                     "CUPS server '" + options.server + "' is not host:port or a socket path"));
    }
    // libcups 2.4 tells a scheduler's queue from a device by comparing the connection with the calling
    // thread's server setting (cupsCopyDestInfo): unless they match, it asks the queue's device URI
    // (file:..., ipp://printer) instead of the scheduler. libcups keeps that setting per thread, so this
    // touches no other thread.
    if (!options.server.empty()) cupsSetServer(options.server.c_str());
    HttpPtr http(httpConnect2(address.host.c_str(), address.port, nullptr, AF_UNSPEC, cupsEncryption(),
                              /*blocking=*/1, static_cast<int>(options.connect_timeout.count()), nullptr));
    if (!http) {
        return std::unexpected(
            a4_fault(drivers::FaultKind::Unplugged,
                     "cannot reach CUPS server " + describe_server(options) + ": " + cupsLastErrorString()));
    }
    httpSetTimeout(http.get(), std::chrono::duration<double>(options.request_timeout).count(), give_up,
                   nullptr);

    // The scheduler identifies the queue by the path; the host part is not checked, so "localhost" serves for
    // a socket connection too.
    char uri[HTTP_MAX_URI];
    const std::string resource = "/printers/" + options.queue;
    const int port = address.host.starts_with('/') ? ippPort() : address.port;
    if (httpAssembleURI(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", port,
                        resource.c_str()) != HTTP_URI_STATUS_OK) {
        return std::unexpected(a4_fault(drivers::FaultKind::Unplugged,
                                        "queue name '" + options.queue + "' does not fit in a URI"));
    }
    return Connection{std::move(http), uri};
}

}  // namespace hk::printer::cups::detail
