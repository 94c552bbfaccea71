#include "cups_peer.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace hk::printer::cups::test {

namespace {

const std::string kScript = HUKIOSK_SOURCE_DIR "/tools/private-cupsd.sh";

// The paths come from mkdtemp under the temp folder; quoting keeps a TMPDIR with odd characters harmless here
// (the script itself refuses those with a clear message).
std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::map<std::string, std::string> parse_lines(const std::string& output) {
    std::map<std::string, std::string> values;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        const std::size_t equals = line.find('=');
        if (equals != std::string::npos) values[line.substr(0, equals)] = line.substr(equals + 1);
    }
    return values;
}

}  // namespace

CommandResult run_command(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return result;
    char buffer[4096];
    for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        result.output.append(buffer, got);
    const int status = pclose(pipe);
    result.status =
        WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return result;
}

CupsPeer::CupsPeer(const std::string& ipp_command) {
    std::string pattern = (std::filesystem::temp_directory_path() / "hk-cups-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;

    // The watchdog waits for the write end of this pipe to close (it closes when this process ends, however
    // it ends), then stops the peers and removes the folder. It ignores the signals a terminal or ctest sends
    // the whole group, so it outlives the test long enough to clean up.
    const std::string cleanup = "bash " + quoted(kScript) + " stop " + quoted(dir_.string()) +
                                " >/dev/null 2>&1; rm -rf " + quoted(dir_.string());
    const char* const argv[] = {"/bin/sh", "-c", cleanup.c_str(), nullptr};
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    watchdog_ = fork();
    if (watchdog_ == 0) {
        // Only async-signal-safe calls until exec.
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigaction(SIGINT, &ignore, nullptr);
        sigaction(SIGTERM, &ignore, nullptr);
        sigaction(SIGHUP, &ignore, nullptr);
        close(fds[1]);
        char byte;
        while (read(fds[0], &byte, 1) != 0) {
        }
        execv(argv[0], const_cast<char* const*>(argv));
        _exit(127);
    }
    close(fds[0]);
    if (watchdog_ < 0) {
        close(fds[1]);
        std::filesystem::remove_all(dir_);
        throw std::runtime_error("fork failed");
    }
    watchdog_pipe_ = fds[1];

    std::string command = "bash " + quoted(kScript) + " start " + quoted(dir_.string());
    if (!ipp_command.empty()) {
        const std::filesystem::path script = dir_ / "ipp-command.sh";
        std::ofstream(script) << "#!/bin/sh\n" << ipp_command << "\n";
        std::filesystem::permissions(
            script, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                        std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                        std::filesystem::perms::others_exec);
        command += " --ipp-everywhere " + quoted(script.string());
    }
    const CommandResult started = run_command(command + " 2>&1");
    const auto values = parse_lines(started.output);
    const auto value = [&](const std::string& key) {
        const auto found = values.find(key);
        return found != values.end() ? found->second : std::string();
    };
    server_ = value("CUPS_SERVER");
    socket_ = value("HUKIOSK_CUPS_SOCKET");
    queue_ = value("HUKIOSK_CUPS_QUEUE");
    ipp_queue_ = value("HUKIOSK_CUPS_IPP_QUEUE");
    output_file_ = value("HUKIOSK_CUPS_OUTPUT");
    if (started.status != 0 || server_.empty() || (!ipp_command.empty() && ipp_queue_.empty())) {
        // The destructor does not run for a throwing constructor: clean up here, through the same watchdog.
        close(watchdog_pipe_);
        waitpid(watchdog_, nullptr, 0);
        throw std::runtime_error("private-cupsd.sh start failed (" + std::to_string(started.status) +
                                 "): " + started.output);
    }
}

CupsPeer::~CupsPeer() {
    close(watchdog_pipe_);
    waitpid(watchdog_, nullptr, 0);
}

int CupsPeer::admin(const std::string& tool, const std::string& arguments) const {
    return run_command(tool + " -h " + quoted(socket_) + " " + arguments + " 2>&1").status;
}

void CupsPeer::stop() {
    run_command("bash " + quoted(kScript) + " stop " + quoted(dir_.string()) + " 2>&1");
}

}  // namespace hk::printer::cups::test
