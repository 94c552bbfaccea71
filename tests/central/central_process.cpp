#include "central_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace hk::central::test {
namespace {

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Reads the first line the child writes, within `timeout`.
std::string first_line(int fd, std::chrono::milliseconds timeout) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (line.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) throw std::runtime_error("central-ref did not report listening in time");
        pollfd poll_fd{fd, POLLIN, 0};
        if (poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) continue;
        char buffer[256];
        const ssize_t got = read(fd, buffer, sizeof buffer);
        if (got <= 0) throw std::runtime_error("central-ref exited before listening: " + line);
        line.append(buffer, static_cast<std::size_t>(got));
    }
    return line.substr(0, line.find('\n'));
}

std::unique_ptr<httplib::SSLClient> configured(std::unique_ptr<httplib::SSLClient> client,
                                               const std::string& ca) {
    // A server that refuses a client certificate closes the connection while the client may still be writing
    // its request; OpenSSL writes without MSG_NOSIGNAL, so SIGPIPE would kill the whole test binary silently.
    static const bool sigpipe_ignored = [] { return std::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
    (void)sigpipe_ignored;
    client->set_ca_cert_path(ca.c_str());
    client->enable_server_certificate_verification(true);
    client->set_connection_timeout(5);
    client->set_read_timeout(10);
    return client;
}

}  // namespace

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "central-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string Pki::kiosk_cert(const std::string& id) const {
    return (dir / "kiosks" / (id + ".pem")).string();
}
std::string Pki::kiosk_key(const std::string& id) const {
    return (dir / "kiosks" / (id + ".key")).string();
}
std::string Pki::signing_public_key() const {
    return slurp(dir / "signing.pub.pem");
}
std::string Pki::signing_kid() const {
    std::string kid = slurp(dir / "signing.kid");
    while (!kid.empty() && (kid.back() == '\n' || kid.back() == '\r')) kid.pop_back();
    return kid;
}

Pki make_pki(const std::filesystem::path& dir, const std::vector<std::string>& kiosks) {
    std::string command = "bash '" HUKIOSK_SOURCE_DIR "/tools/dev-pki.sh' '" + dir.string() + "'";
    for (const std::string& kiosk : kiosks) command += " '" + kiosk + "'";
    command += " >/dev/null";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("dev-pki.sh failed: " + command);
    return Pki{dir};
}

CentralProcess::CentralProcess(const Pki& pki, const std::filesystem::path& db,
                               const std::vector<std::string>& extra) {
    std::vector<std::string> args = {
        HUKIOSK_CENTRAL_BINARY, "--listen",  "127.0.0.1:0", "--pki", pki.dir.string(), "--db", db.string(),
        "--issued-on",          "2026-11-22"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);

    int out[2];
    // Close-on-exec, so the server inherits only its stdout end (dup2 clears the flag on the copy).
    if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
        // Only async-signal-safe calls until exec. If the test dies (ctest kills it on a timeout), the kernel
        // sends the server SIGTERM, so no orphan keeps a port and a temp folder.
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        dup2(out[1], STDOUT_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    if (pid_ < 0) {
        close(out[0]);
        throw std::runtime_error("cannot start " + args[0]);
    }
    try {
        const std::string line = first_line(out[0], std::chrono::seconds(10));
        const std::string prefix = "listening on 127.0.0.1:";
        if (!line.starts_with(prefix)) throw std::runtime_error("unexpected first line: " + line);
        port_ = std::stoi(line.substr(prefix.size()));
    } catch (...) {
        close(out[0]);
        terminate();
        throw;
    }
    // The server prints nothing more; closing our end is harmless (it would only get EPIPE, which it
    // ignores).
    close(out[0]);
}

CentralProcess::~CentralProcess() {
    if (pid_ > 0 && exit_status_ < 0) terminate();
}

bool CentralProcess::alive() const {
    if (exit_status_ >= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == 0) return true;
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
}

int CentralProcess::terminate() {
    if (exit_status_ >= 0 || pid_ <= 0) return exit_status_;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_status_;
}

std::unique_ptr<httplib::SSLClient> kiosk_client(const Pki& pki, int port, const std::string& kiosk) {
    if (kiosk.empty()) return configured(std::make_unique<httplib::SSLClient>("127.0.0.1", port), pki.ca());
    return configured(
        std::make_unique<httplib::SSLClient>("127.0.0.1", port, pki.kiosk_cert(kiosk), pki.kiosk_key(kiosk)),
        pki.ca());
}

std::unique_ptr<httplib::SSLClient> foreign_client(const Pki& server_pki, const Pki& foreign, int port) {
    return configured(std::make_unique<httplib::SSLClient>("127.0.0.1", port, foreign.kiosk_cert("kiosk-a"),
                                                           foreign.kiosk_key("kiosk-a")),
                      server_pki.ca());
}

}  // namespace hk::central::test
