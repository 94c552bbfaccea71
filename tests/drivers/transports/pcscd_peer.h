// A private pcscd for one test process: its own socket (handed over by socket activation, as systemd
// would; pcscd 1.9.9 has no option or variable for the path, only libpcsclite honours PCSCLITE_CSOCK_NAME)
// and its own reader.conf.d with vpcd on a free port pair, so concurrent test processes and a system pcscd
// never meet. The test process must call use_private_socket() before its first PC/SC call.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace hk::drivers::transports::testing {

class PcscdPeer {
  public:
    // `dir` is created if needed and holds the socket, the config and pcscd's log.
    PcscdPeer(std::filesystem::path dir, std::uint16_t vpcd_port);
    ~PcscdPeer();
    PcscdPeer(const PcscdPeer&) = delete;
    PcscdPeer& operator=(const PcscdPeer&) = delete;

    // Points this process's libpcsclite at `socket` (setenv PCSCLITE_CSOCK_NAME); libpcsclite reads it once.
    static void use_private_socket(const std::filesystem::path& socket);
    // An even port P with P and P+1 free on loopback (vpcd's two readers).
    static std::uint16_t free_port_pair();

    // Starts pcscd; false with `error()` set when it cannot.
    bool start();
    // SIGTERM, then SIGKILL after 3 s; removes the socket. Idempotent.
    void stop();
    // SIGKILL at once: pcscd crashed.
    void kill_hard();
    [[nodiscard]] bool running() const { return pid_ > 0; }

    [[nodiscard]] std::filesystem::path socket_path() const { return dir_ / "pcscd.comm"; }
    [[nodiscard]] std::filesystem::path log_path() const { return dir_ / "pcscd.log"; }
    [[nodiscard]] const std::string& error() const { return error_; }

  private:
    void reap(int signal, int grace_ms);

    std::filesystem::path dir_;
    std::uint16_t port_;
    pid_t pid_ = -1;
    std::string error_;
};

}  // namespace hk::drivers::transports::testing
