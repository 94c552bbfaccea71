// escpos-sink: a stand-in for a network receipt printer, for tests and the demo. It listens on loopback,
// keeps every byte it receives in a file, and answers status questions (DLE EOT n, GS r n, GS a n) the way a
// printer in the scripted state would, so paper can run out in the middle of a receipt on cue.
//
//   escpos-sink [--listen 127.0.0.1:PORT] (--out FILE | --out-dir DIR) [--status-script FILE]
//               [--paper-out-after BYTES] [--near-end-after BYTES] [--cover-open] [--cutter-error] [--silent]
//
// PORT 0 (the default) picks a free port; the sink then prints "listening 127.0.0.1:PORT" on stdout. Bytes
// count towards the script as the printer would print them: status questions are not counted. It runs until
// SIGTERM or SIGINT.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "command_scanner.h"
#include "paper_script.h"

namespace {

using hk::printer::escpos::sink::CommandKind;
using hk::printer::escpos::sink::PaperScript;
using hk::printer::escpos::sink::PrinterState;

volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_signal(int /*signal*/) {
    g_stop = 1;
}

struct Options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    std::filesystem::path out;
    std::filesystem::path out_dir;
    PaperScript script;
};

struct Client {
    int fd = -1;
    int out = -1;  // where its bytes go: its own file, or its own descriptor of the shared --out file
    bool asb = false;
    std::vector<std::uint8_t> pending;  // the start of a command not complete yet
};

int usage(const char* problem) {
    std::fprintf(stderr, "escpos-sink: %s\n", problem);
    std::fprintf(
        stderr,
        "usage: escpos-sink [--listen 127.0.0.1:PORT] (--out FILE | --out-dir DIR) [--status-script FILE]\n"
        "                   [--paper-out-after BYTES] [--near-end-after BYTES] [--cover-open]\n"
        "                   [--cutter-error] [--silent]\n");
    return 2;
}

bool parse_options(int argc, char** argv, Options& options, std::string& problem) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        const char* next = nullptr;
        if (arg == "--cover-open" || arg == "--cutter-error" || arg == "--silent") {
            PrinterState state;
            state.cover_open = arg == "--cover-open";
            state.cutter_error = arg == "--cutter-error";
            state.silent = arg == "--silent";
            options.script.add(0, state);
            continue;
        }
        if ((next = value()) == nullptr) {
            problem = std::string(arg) + " needs a value";
            return false;
        }
        if (arg == "--listen") {
            const std::string_view listen = next;
            const std::size_t colon = listen.rfind(':');
            if (colon == std::string_view::npos) {
                problem = "--listen wants HOST:PORT";
                return false;
            }
            options.host = std::string(listen.substr(0, colon));
            options.port = static_cast<std::uint16_t>(std::stoul(std::string(listen.substr(colon + 1))));
        } else if (arg == "--out") {
            options.out = next;
        } else if (arg == "--out-dir") {
            options.out_dir = next;
        } else if (arg == "--status-script") {
            std::ifstream in(next);
            if (!in) {
                problem = std::string("cannot read ") + next;
                return false;
            }
            auto script = PaperScript::parse(in);
            if (!script) {
                problem = std::string(next) + ": " + script.error();
                return false;
            }
            options.script = std::move(*script);
        } else if (arg == "--paper-out-after" || arg == "--near-end-after") {
            PrinterState state;
            state.paper_out = arg == "--paper-out-after";
            state.near_end = arg == "--near-end-after";
            options.script.add(std::stoull(next), state);
        } else {
            problem = "unknown option " + std::string(arg);
            return false;
        }
    }
    if (options.out.empty() == options.out_dir.empty()) {
        problem = "give one of --out FILE or --out-dir DIR";
        return false;
    }
    return true;
}

int listen_on(const Options& options) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(options.port);
    if (::inet_pton(AF_INET, options.host.c_str(), &address.sin_addr) != 1 ||
        ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd, 8) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// O_APPEND: clients sharing --out FILE never overwrite each other; numbering under --out-dir goes on from
// what earlier runs left.
int open_output(const std::filesystem::path& out, const std::filesystem::path& out_dir) {
    std::filesystem::path file = out;
    if (!out_dir.empty()) {
        int number = 1;
        while (std::filesystem::exists(out_dir / ("receipt-" + std::to_string(number) + ".bin"))) ++number;
        file = out_dir / ("receipt-" + std::to_string(number) + ".bin");
    }
    return ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

void send_bytes(int fd, const std::vector<std::uint8_t>& bytes) {
    // Best effort, like a printer: a host that stopped reading loses its status bytes.
    (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

class Sink {
  public:
    explicit Sink(Options options) : options_(std::move(options)) {}

    PrinterState state() const { return options_.script.at(printed_); }

    // Takes what a client sent; false when the client is gone.
    bool receive(Client& client) {
        std::vector<std::uint8_t> buffer(65536);
        const ssize_t got = ::recv(client.fd, buffer.data(), buffer.size(), 0);
        if (got <= 0) return false;
        buffer.resize(static_cast<std::size_t>(got));
        if (::write(client.out, buffer.data(), buffer.size()) != got) std::perror("escpos-sink: write");
        client.pending.insert(client.pending.end(), buffer.begin(), buffer.end());
        std::size_t at = 0;
        while (auto command =
                   hk::printer::escpos::sink::next_command(std::span(client.pending).subspan(at))) {
            handle(client, *command);
            at += command->length;
        }
        client.pending.erase(client.pending.begin(),
                             client.pending.begin() + static_cast<std::ptrdiff_t>(at));
        return true;
    }

    void broadcast_if_changed(std::vector<Client>& clients) {
        const PrinterState now = state();
        if (now == last_) return;
        last_ = now;
        if (now.silent) return;
        for (Client& client : clients) {
            if (client.asb) send_bytes(client.fd, hk::printer::escpos::sink::automatic_status(now));
        }
    }

  private:
    void handle(Client& client, const hk::printer::escpos::sink::Command& command) {
        const PrinterState now = state();
        switch (command.kind) {
            case CommandKind::StatusRequest:
                if (now.silent) return;
                if (auto reply = hk::printer::escpos::sink::realtime_reply(now, command.argument)) {
                    send_bytes(client.fd, {*reply});
                }
                return;
            case CommandKind::PaperStatus:
                // Processed in turn: a printer that has stopped never gets here.
                if (now.silent || now.stopped()) return;
                send_bytes(client.fd, {hk::printer::escpos::sink::paper_reply(now)});
                return;
            case CommandKind::AutoStatus:
                client.asb = command.argument != 0;
                if (client.asb && !now.silent)
                    send_bytes(client.fd, hk::printer::escpos::sink::automatic_status(now));
                return;
            case CommandKind::Print:
                if (!now.stopped()) printed_ += command.length;
                return;
        }
    }

    Options options_;
    std::uint64_t printed_ = 0;
    PrinterState last_;
};

}  // namespace

int main(int argc, char** argv) {
    Options options;
    std::string problem;
    if (!parse_options(argc, argv, options, problem)) return usage(problem.c_str());
    if (!options.out_dir.empty()) std::filesystem::create_directories(options.out_dir);

    const int listener = listen_on(options);
    if (listener < 0) {
        std::fprintf(stderr, "escpos-sink: cannot listen on %s:%u: %s\n", options.host.c_str(),
                     static_cast<unsigned>(options.port), std::strerror(errno));
        return 1;
    }
    sockaddr_in bound{};
    socklen_t length = sizeof bound;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&bound), &length);
    std::printf("listening %s:%u\n", options.host.c_str(), static_cast<unsigned>(ntohs(bound.sin_port)));
    std::fflush(stdout);

    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    std::signal(SIGPIPE, SIG_IGN);

    const std::filesystem::path out = options.out;
    const std::filesystem::path out_dir = options.out_dir;
    Sink sink(std::move(options));
    std::vector<Client> clients;
    while (g_stop == 0) {
        std::vector<pollfd> fds{{listener, POLLIN, 0}};
        for (const Client& client : clients) fds.push_back({client.fd, POLLIN, 0});
        // A short timeout, so a signal between the check and poll() is acted on soon.
        if (::poll(fds.data(), fds.size(), 200) < 0 && errno != EINTR) break;
        if ((fds[0].revents & POLLIN) != 0) {
            const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd >= 0) {
                Client client;
                client.fd = fd;
                client.out = open_output(out, out_dir);
                if (client.out < 0) {
                    std::perror("escpos-sink: output file");
                    ::close(fd);
                } else {
                    clients.push_back(std::move(client));
                }
            }
        }
        for (std::size_t i = 1; i < fds.size(); ++i) {
            if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
            Client& client = clients[i - 1];
            if (!sink.receive(client)) {
                ::close(client.fd);
                ::close(client.out);
                client.fd = -1;
            }
        }
        std::erase_if(clients, [](const Client& client) { return client.fd < 0; });
        sink.broadcast_if_changed(clients);
    }
    for (const Client& client : clients) {
        ::close(client.fd);
        ::close(client.out);
    }
    ::close(listener);
    return 0;
}
