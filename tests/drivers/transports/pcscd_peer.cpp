#include "pcscd_peer.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

namespace hk::drivers::transports::testing {

namespace {

constexpr const char* kPcscd = "/usr/sbin/pcscd";
constexpr const char* kVpcdDriver = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";

bool port_free(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    const bool ok = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

PcscdPeer::PcscdPeer(std::filesystem::path dir, std::uint16_t vpcd_port)
    : dir_(std::move(dir)), port_(vpcd_port) {
    std::filesystem::create_directories(dir_ / "reader.conf.d");
}

PcscdPeer::~PcscdPeer() {
    stop();
}

void PcscdPeer::use_private_socket(const std::filesystem::path& socket) {
    ::setenv("PCSCLITE_CSOCK_NAME", socket.c_str(), 1);
}

std::uint16_t PcscdPeer::free_port_pair() {
    std::mt19937 random(static_cast<unsigned>(::getpid()) ^ static_cast<unsigned>(std::random_device{}()));
    std::uniform_int_distribution<int> pick(20000, 29999);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto port = static_cast<std::uint16_t>(pick(random) * 2);
        if (port_free(port) && port_free(static_cast<std::uint16_t>(port + 1))) return port;
    }
    return 0;
}

bool PcscdPeer::start() {
    if (pid_ > 0) return true;
    {
        std::ofstream config(dir_ / "reader.conf.d" / "vpcd");
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%04X", port_);
        config << "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME   /dev/null:" << hex << "\nLIBPATH      "
               << kVpcdDriver << "\nCHANNELID    " << hex << "\n";
    }
    const auto socket_file = socket_path();
    std::filesystem::remove(socket_file);
    const int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (socket_file.native().size() >= sizeof address.sun_path) {
        error_ = "socket path too long";
        return false;
    }
    std::strcpy(address.sun_path, socket_file.c_str());
    if (listener < 0 || ::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener, 64) != 0) {
        error_ = std::string("socket: ") + std::strerror(errno);
        if (listener >= 0) ::close(listener);
        return false;
    }
    // Socket activation needs LISTEN_PID to be pcscd's own pid: the shell exports its pid, then becomes
    // pcscd.
    const std::string script = "LISTEN_PID=$$ LISTEN_FDS=1; export LISTEN_PID LISTEN_FDS; exec " +
                               std::string(kPcscd) + " --foreground --config " +
                               (dir_ / "reader.conf.d").string();
    const std::string log = log_path().string();
    std::vector<char*> argv{const_cast<char*>("/bin/sh"), const_cast<char*>("-c"),
                            const_cast<char*>(script.c_str()), nullptr};
    const pid_t parent = ::getpid();
    const pid_t child = ::fork();
    if (child < 0) {
        error_ = std::string("fork: ") + std::strerror(errno);
        ::close(listener);
        return false;
    }
    if (child == 0) {
        // Only async-signal-safe calls from here on. pcscd dies with the test process, whatever happens.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        ::dup2(listener, 3);
        const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (out >= 0) {
            ::dup2(out, 1);
            ::dup2(out, 2);
        }
        ::execv("/bin/sh", argv.data());
        ::_exit(127);
    }
    // pcscd holds the listening socket now; keeping a copy here would let clients connect to a dead daemon.
    ::close(listener);
    pid_ = child;
    return true;
}

void PcscdPeer::reap(int signal, int grace_ms) {
    if (pid_ <= 0) return;
    ::kill(pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_ms);
    for (;;) {
        int status = 0;
        const pid_t done = ::waitpid(pid_, &status, WNOHANG);
        if (done == pid_ || (done < 0 && errno == ECHILD)) break;
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    pid_ = -1;
    std::error_code ignored;
    std::filesystem::remove(socket_path(), ignored);
}

void PcscdPeer::stop() {
    reap(SIGTERM, 3000);
}

void PcscdPeer::kill_hard() {
    reap(SIGKILL, 3000);
}

}  // namespace hk::drivers::transports::testing
