#include "sink_process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <regex>
#include <stdexcept>

namespace hk::printer::escpos::testing {

SinkProcess::SinkProcess(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {HUKIOSK_ESCPOS_SINK, "--listen", "127.0.0.1:0"});
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        std::vector<char*> argv;
        for (std::string& argument : arguments) argv.push_back(argument.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    // The first line, within 10 s: "listening 127.0.0.1:PORT".
    std::string line;
    char c = 0;
    while (line.find('\n') == std::string::npos) {
        pollfd entry{out[0], POLLIN, 0};
        if (::poll(&entry, 1, 10000) <= 0 || ::read(out[0], &c, 1) != 1) break;
        line += c;
    }
    ::close(out[0]);
    std::smatch match;
    if (!std::regex_search(line, match, std::regex(R"(listening 127\.0\.0\.1:(\d+))"))) {
        stop();
        throw std::runtime_error("escpos-sink did not report listening: '" + line + "'");
    }
    port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
}

SinkProcess::~SinkProcess() {
    stop();
}

void SinkProcess::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

std::uint16_t unused_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

std::vector<std::uint8_t> read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace hk::printer::escpos::testing
