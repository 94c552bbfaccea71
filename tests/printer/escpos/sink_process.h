// The escpos-sink program run by a test: started with the test's options on a free loopback port, stopped
// (SIGTERM, then waited for) when the object goes.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hk::printer::escpos::testing {

class SinkProcess {
  public:
    // `arguments` go after the sink's own --listen 127.0.0.1:0; throws when it does not start listening.
    explicit SinkProcess(std::vector<std::string> arguments);
    SinkProcess(const SinkProcess&) = delete;
    SinkProcess& operator=(const SinkProcess&) = delete;
    ~SinkProcess();

    [[nodiscard]] std::uint16_t port() const { return port_; }
    void stop();

  private:
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

// A port on 127.0.0.1 that nothing listens on (bound, then released).
std::uint16_t unused_port();

std::vector<std::uint8_t> read_file(const std::filesystem::path& file);

}  // namespace hk::printer::escpos::testing
