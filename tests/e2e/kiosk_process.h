// The kiosk binary and kioskctl as child processes, for the end-to-end tests that drive them from outside.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace hk::e2e {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

inline const fs::path kScripts = fs::path(HUKIOSK_SOURCE_DIR) / "tests/e2e/scripts";

inline std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct Outcome {
    int exit_code = -1;
    std::string out;
};

inline Outcome run(const std::string& command) {
    Outcome outcome;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return outcome;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) outcome.out += buffer.data();
    const int status = pclose(pipe);
    outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = 15s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(100ms);
    }
    return condition();
}

// The kiosk binary as a child process; stopped with SIGTERM (as systemd does) when the test ends.
class KioskProcess {
  public:
    KioskProcess(const fs::path& dir, const json& config, const std::string& script = "") : dir_(dir) {
        fs::create_directories(dir_);
        std::ofstream(dir_ / "config.json") << config.dump(2);
        std::vector<std::string> args{HUKIOSK_KIOSK_BINARY,
                                      "--simulate",
                                      "--headless",
                                      "--out",
                                      (dir_ / "out").string(),
                                      "--config",
                                      (dir_ / "config.json").string()};
        if (!script.empty()) {
            args.emplace_back("--script");
            args.push_back((kScripts / script).string());
        }
        pid_ = ::fork();
        if (pid_ == 0) {
            const std::string log = (dir_ / "kiosk.log").string();
            std::FILE* out = std::freopen(log.c_str(), "w", stdout);
            if (out == nullptr || ::dup2(STDOUT_FILENO, STDERR_FILENO) < 0) ::_exit(127);
            ::setenv("SDL_VIDEODRIVER", "dummy", 1);
            std::vector<char*> argv;
            for (std::string& arg : args) argv.push_back(arg.data());
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
    }
    ~KioskProcess() { stop(); }
    KioskProcess(const KioskProcess&) = delete;
    KioskProcess& operator=(const KioskProcess&) = delete;

    int stop() {
        if (pid_ <= 0) return exit_code_;
        ::kill(pid_, SIGTERM);
        int status = 0;
        for (int i = 0; i < 100; ++i) {
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                return exit_code_;
            }
            std::this_thread::sleep_for(100ms);
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return exit_code_;
    }
    // For a kiosk running a script: its exit code once the script has ended it (-1 if it did not in time).
    int wait_for_exit(std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        int status = 0;
        while (pid_ > 0 && std::chrono::steady_clock::now() < deadline) {
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                return exit_code_;
            }
            std::this_thread::sleep_for(100ms);
        }
        return exit_code_;
    }
    [[nodiscard]] fs::path state() const { return dir_ / "out"; }
    [[nodiscard]] fs::path socket() const { return state() / "control.sock"; }
    [[nodiscard]] std::string log() const { return read_file(dir_ / "kiosk.log"); }

  private:
    fs::path dir_;
    pid_t pid_ = -1;
    int exit_code_ = -1;
};

// kioskctl with its arguments, against the kiosk's socket; stderr is appended to `errors` (shown on failure).
inline Outcome kioskctl(const KioskProcess& kiosk, const std::string& args, const fs::path& errors) {
    return run("HUKIOSK_CONTROL_SOCKET=" + kiosk.socket().string() + " " + HUKIOSK_KIOSKCTL_BINARY + " " +
               args + " 2>>" + errors.string());
}

}  // namespace hk::e2e
