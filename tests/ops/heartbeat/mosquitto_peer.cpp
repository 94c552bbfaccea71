#include "mosquitto_peer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <thread>

namespace hk::ops::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "heartbeat-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

namespace {

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

bool accepts_connections(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    const sockaddr_in address = loopback(port);
    const bool ok = connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return ok;
}

}  // namespace

int free_loopback_port() {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        close(fd);
        throw std::runtime_error("cannot find a free port");
    }
    close(fd);
    return ntohs(address.sin_port);
}

DevPki make_dev_pki(const fs::path& dir, const std::string& kiosk_id) {
    const std::string command = "bash '" HUKIOSK_SOURCE_DIR "/tools/dev-pki.sh' '" + dir.string() + "' '" +
                                kiosk_id + "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("tools/dev-pki.sh failed");
    return DevPki{dir / "ca.pem", dir / "server.pem", dir / "server.key",
                  dir / "kiosks" / (kiosk_id + ".pem"), dir / "kiosks" / (kiosk_id + ".key")};
}

MosquittoBroker::MosquittoBroker(std::optional<DevPki> pki) : pki_(std::move(pki)) {
    port_ = free_loopback_port();
    std::ofstream conf(dir_.path() / "mosquitto.conf");
    // Run as whoever runs the test: as root, mosquitto would otherwise drop to its own user, who cannot
    // read the keys in our private temp dir.
    conf << "user " << (geteuid() == 0 ? "root" : "nobody") << "\n"
         << "persistence false\nallow_anonymous true\nlog_dest stderr\n"
         << "listener " << port_ << " 127.0.0.1\n";
    if (pki_) {
        tls_port_ = free_loopback_port();
        client_cert_port_ = free_loopback_port();
        for (const int port : {tls_port_, client_cert_port_}) {
            conf << "listener " << port << " 127.0.0.1\n"
                 << "cafile " << pki_->ca.string() << "\ncertfile " << pki_->server_cert.string()
                 << "\nkeyfile " << pki_->server_key.string() << "\n";
            if (port == client_cert_port_) conf << "require_certificate true\n";
        }
    }
    conf.close();
    start();
}

MosquittoBroker::~MosquittoBroker() {
    stop();
}

void MosquittoBroker::start() {
    const std::string conf = (dir_.path() / "mosquitto.conf").string();
    const std::string log = (dir_.path() / "mosquitto.log").string();
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
        }
        execl("/usr/sbin/mosquitto", "mosquitto", "-c", conf.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    const bool up = eventually(
        [&] {
            return accepts_connections(port_) && (tls_port_ == 0 || accepts_connections(tls_port_)) &&
                   (client_cert_port_ == 0 || accepts_connections(client_cert_port_));
        },
        std::chrono::seconds(10));
    if (!up) {
        stop();
        throw std::runtime_error("mosquitto did not start; see " + log);
    }
}

void MosquittoBroker::stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

Subscriber::Subscriber(int port, const std::string& topic_filter, int count) {
    const std::string port_text = std::to_string(port);
    const std::string count_text = std::to_string(count);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(fds[1], STDOUT_FILENO);
        execlp("mosquitto_sub", "mosquitto_sub", "-h", "127.0.0.1", "-p", port_text.c_str(), "-t",
               topic_filter.c_str(), "-v", "-C", count_text.c_str(), "-W", "10", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    output_ = fdopen(fds[0], "r");
}

Subscriber::~Subscriber() {
    if (output_ != nullptr) fclose(output_);
    if (pid_ > 0) {
        kill(pid_, SIGKILL);  // mosquitto_sub may sit out a SIGTERM while it reconnects
        int status = 0;
        waitpid(pid_, &status, 0);
    }
}

std::optional<std::string> Subscriber::next_line() {
    std::string line;
    char buffer[4096];
    while (fgets(buffer, sizeof buffer, output_) != nullptr) {
        line += buffer;
        if (!line.empty() && line.back() == '\n') {
            line.pop_back();
            return line;
        }
    }
    if (!line.empty()) return line;
    return std::nullopt;
}

}  // namespace hk::ops::test
