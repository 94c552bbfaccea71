#include "rauc_bundle_inspector.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace hk::update {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Enough for the JSON of any sane manifest and for rauc's error messages; more is read but dropped, so that a
// misbehaving child can neither fill our memory nor block on a full pipe.
constexpr std::size_t kStdoutCap = 1 << 20;
constexpr std::size_t kStderrCap = 64 << 10;
// How much of rauc's stderr goes into BundleRefusal::detail.
constexpr std::size_t kDetailCap = 300;

class UniqueFd {
  public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    [[nodiscard]] int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

  private:
    int fd_ = -1;
};

struct Pipe {
    UniqueFd read_end;
    UniqueFd write_end;
};

std::string system_message(int error) {
    return std::error_code(error, std::generic_category()).message();  // strerror() is not thread-safe
}

std::expected<Pipe, int> make_pipe() {
    std::array<int, 2> fds{};
    // O_CLOEXEC: only the dup2'd copies reach rauc, never the ends of a pipe made for another child.
    if (::pipe2(fds.data(), O_CLOEXEC) != 0) return std::unexpected(errno);
    return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

struct ChildRun {
    enum class End : std::uint8_t { Exited, Signalled, TimedOut, Lost };
    End end = End::Exited;
    int code = 0;  // exit status or signal number
    std::string out;
    std::string err;
};

// rauc's messages come from GLib and OpenSSL: ask for the untranslated ones, which are what we match on.
std::vector<std::string> child_environment() {
    std::vector<std::string> env;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        if (text.starts_with("LC_ALL=") || text.starts_with("LANGUAGE=")) continue;
        env.emplace_back(text);
    }
    env.emplace_back("LC_ALL=C");
    return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    pointers.reserve(strings.size() + 1);
    for (auto& s : strings) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

// Reads both pipes until the child closes them or the deadline passes. False if the deadline passed (or,
// never seen, poll() failed): the child is then killed.
bool drain(int out_fd, int err_fd, Clock::time_point deadline, std::string& out, std::string& err) {
    std::array<pollfd, 2> fds{pollfd{out_fd, POLLIN, 0}, pollfd{err_fd, POLLIN, 0}};
    std::array<std::string*, 2> sinks{&out, &err};
    const std::array<std::size_t, 2> caps{kStdoutCap, kStderrCap};
    std::array<char, 4096> buffer{};
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return false;
        const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
        if (ready < 0 && errno != EINTR) return false;
        for (std::size_t i = 0; i < fds.size() && ready > 0; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer.data(), buffer.size());
            if (n > 0) {
                const auto room = caps[i] - std::min(caps[i], sinks[i]->size());
                sinks[i]->append(buffer.data(), std::min(room, static_cast<std::size_t>(n)));
            } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                fds[i].fd = -1;  // poll() skips negative descriptors; the UniqueFd closes it
            }
        }
    }
    return true;
}

// Waits for the child until the deadline, then kills it. Always reaps it.
ChildRun::End reap(pid_t pid, Clock::time_point deadline, int& status) {
    while (true) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return WIFSIGNALED(status) ? ChildRun::End::Signalled : ChildRun::End::Exited;
        // ECHILD: someone else reaped it, e.g. because the process ignores SIGCHLD. Its status is gone.
        if (done < 0 && errno != EINTR) return ChildRun::End::Lost;
        if (Clock::now() >= deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return ChildRun::End::TimedOut;
}

// Runs argv[0] (looked up in PATH without a slash) with stdin from /dev/null, collecting stdout and stderr.
std::expected<ChildRun, std::string> run(std::vector<std::string> argv,
                                         std::chrono::milliseconds time_limit) {
    auto out_pipe = make_pipe();
    auto err_pipe = make_pipe();
    if (!out_pipe || !err_pipe) {
        return std::unexpected("cannot make a pipe: " +
                               system_message(out_pipe ? err_pipe.error() : out_pipe.error()));
    }

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawnattr_init(&attributes);
    ::posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    ::posix_spawn_file_actions_adddup2(&actions, out_pipe->write_end.get(), STDOUT_FILENO);
    ::posix_spawn_file_actions_adddup2(&actions, err_pipe->write_end.get(), STDERR_FILENO);
    // Descriptors the kiosk opened without O_CLOEXEC (sockets, device files) are none of rauc's business.
    ::posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
    // A thread that blocks signals, or a process that ignores SIGPIPE, must not pass that on to rauc.
    sigset_t signals;
    ::sigemptyset(&signals);
    ::posix_spawnattr_setsigmask(&attributes, &signals);
    ::sigfillset(&signals);
    ::posix_spawnattr_setsigdefault(&attributes, &signals);
    ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> env = child_environment();
    const std::vector<char*> c_argv = c_strings(argv);
    const std::vector<char*> c_env = c_strings(env);
    pid_t pid = -1;
    const int spawned = ::posix_spawnp(&pid, c_argv[0], &actions, &attributes, c_argv.data(), c_env.data());
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attributes);
    if (spawned != 0) return std::unexpected("cannot run " + argv[0] + ": " + system_message(spawned));
    // Our copies of the write ends must go, or the pipes never report end of file.
    out_pipe->write_end.reset();
    err_pipe->write_end.reset();

    const auto deadline = Clock::now() + time_limit;
    ChildRun result;
    const bool drained =
        drain(out_pipe->read_end.get(), err_pipe->read_end.get(), deadline, result.out, result.err);
    int status = 0;
    result.end = reap(pid, drained ? deadline : Clock::now(), status);
    if (result.end == ChildRun::End::Exited) result.code = WEXITSTATUS(status);
    if (result.end == ChildRun::End::Signalled) result.code = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    return result;
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// rauc's stderr without its progress lines ("rauc-Message: 12:00:00.000: Reading bundle: ..."), one line
// after the other, cut to kDetailCap bytes on a UTF-8 character boundary.
std::string rauc_words(std::string_view err) {
    std::string words;
    while (!err.empty()) {
        const auto end = err.find('\n');
        const std::string_view line = trim(err.substr(0, end));
        err = end == std::string_view::npos ? std::string_view{} : err.substr(end + 1);
        if (line.empty() || line.starts_with("rauc-Message:")) continue;
        if (!words.empty()) words += "; ";
        words += line;
    }
    if (words.size() > kDetailCap) {
        std::size_t cut = kDetailCap;
        while (cut > 0 && (static_cast<unsigned char>(words[cut]) & 0xC0U) == 0x80U) --cut;
        words.resize(cut);
        words += "...";
    }
    return words;
}

std::uint64_t little_endian(const unsigned char* bytes, int size) {
    std::uint64_t value = 0;
    for (int i = size - 1; i >= 0; --i) value = (value << 8U) | bytes[i];
    return value;
}

// Whether the file opens with a whole squashfs, as every RAUC bundle does: the superblock's magic is there
// and the size it gives, rounded up to the 4 KiB mksquashfs pads to, fits in the file. This tells a bundle
// whose signature part was cut off or damaged from a truncated download or a file that is no bundle at all.
bool opens_with_whole_squashfs(const fs::path& file) {
    constexpr std::uint64_t kSquashfsMagic = 0x73717368;  // "hsqs"
    constexpr std::uint64_t kPadding = 4096;
    std::array<unsigned char, 48> superblock{};
    std::ifstream in(file, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(superblock.data()), superblock.size())) return false;
    if (little_endian(superblock.data(), 4) != kSquashfsMagic) return false;
    const std::uint64_t bytes_used = little_endian(superblock.data() + 40, 8);
    std::error_code error;
    const std::uint64_t file_size = fs::file_size(file, error);
    if (error || bytes_used > file_size) return false;
    return (bytes_used + kPadding - 1) / kPadding * kPadding <= file_size;
}

// rauc 1.8 fails `info` with exit status 1 and one line on stderr. What it printed in each case we tried:
//   no signature (cut off)      "Invalid bundle format: Signature size is 0"
//   signer not from the keyring "signature verification failed: Verify error: unable to get local issuer
//                                certificate"; likewise other certificate checks ("Verify error: certificate
//                                has expired", "... unsuitable certificate purpose")
//   signature part changed      "signature verification failed: error:...:CMS routines::verification failure"
//                                (or "signer certificate not found", "asn1 encoding routines", ...), or
//                               "Invalid bundle format: Signature data is no valid CMS"
//   truncated / not a bundle    "Invalid bundle format: Signature size (N) exceeds bundle size", "... Failed
//   to
//                                seek to end of bundle", "No such file: PATH"; a missing keyring: "failed to
//                                load CA file 'K' and/or directory '(null)'"
BundleProblem classify(std::string_view words, const fs::path& bundle) {
    if (words.find("Signature size is 0") != std::string_view::npos) {
        return opens_with_whole_squashfs(bundle) ? BundleProblem::Unsigned : BundleProblem::Unreadable;
    }
    if (words.find("signature verification failed") != std::string_view::npos) {
        // "Verify error:" is OpenSSL's X509 chain check: the CMS is intact but its signer is not trusted.
        return words.find("Verify error:") != std::string_view::npos ? BundleProblem::UnknownSigner
                                                                     : BundleProblem::Tampered;
    }
    if (words.find("Signature data is no valid CMS") != std::string_view::npos) {
        return opens_with_whole_squashfs(bundle) ? BundleProblem::Tampered : BundleProblem::Unreadable;
    }
    return BundleProblem::Unreadable;
}

// `rauc info --output-format=json` prints one object; "version" is null when the manifest has none.
std::expected<BundleFacts, BundleRefusal> facts_from(const std::string& out) {
    const auto json = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
    const auto refuse = [](std::string why) {
        return std::unexpected(BundleRefusal{BundleProblem::Unreadable, std::move(why)});
    };
    if (!json.is_object()) return refuse("rauc info printed no JSON object");
    const auto compatible = json.find("compatible");
    if (compatible == json.end() || !compatible->is_string() || compatible->get<std::string>().empty()) {
        return refuse("rauc info printed no compatible string");
    }
    const auto version = json.find("version");
    if (version != json.end() && !version->is_string() && !version->is_null()) {
        return refuse("rauc info printed a version that is no string");
    }
    BundleFacts facts;
    facts.compatible = compatible->get<std::string>();
    if (version != json.end() && version->is_string()) facts.version = version->get<std::string>();
    return facts;
}

}  // namespace

RaucBundleInspector::RaucBundleInspector(std::filesystem::path keyring, std::filesystem::path rauc,
                                         std::chrono::milliseconds time_limit)
    : keyring_(std::move(keyring)), rauc_(std::move(rauc)), time_limit_(time_limit) {}

std::expected<BundleFacts, BundleRefusal> RaucBundleInspector::inspect(
    const std::filesystem::path& bundle) noexcept {
    try {
        // An absolute path, so that a bundle named "-x" or "http://..." is never read as an option or a URL.
        std::error_code error;
        const fs::path absolute = fs::absolute(bundle, error);
        const fs::path& target = error ? bundle : absolute;

        auto ran = run({rauc_.string(), "info", "--keyring=" + keyring_.string(), "--output-format=json",
                        target.string()},
                       time_limit_);
        if (!ran) return std::unexpected(BundleRefusal{BundleProblem::Unreadable, ran.error()});
        const std::string words = rauc_words(ran->err);
        switch (ran->end) {
            case ChildRun::End::TimedOut:
                return std::unexpected(
                    BundleRefusal{BundleProblem::Unreadable, "rauc info took longer than " +
                                                                 std::to_string(time_limit_.count()) +
                                                                 " ms and was killed"});
            case ChildRun::End::Signalled:
                return std::unexpected(BundleRefusal{
                    BundleProblem::Unreadable, "rauc info died of signal " + std::to_string(ran->code)});
            case ChildRun::End::Lost:
                return std::unexpected(
                    BundleRefusal{BundleProblem::Unreadable,
                                  "the exit status of rauc info was lost (is SIGCHLD ignored?)"});
            case ChildRun::End::Exited:
                break;
        }
        if (ran->code != 0) {
            return std::unexpected(BundleRefusal{
                classify(words, target),
                words.empty() ? "rauc info failed with exit status " + std::to_string(ran->code) : words});
        }
        return facts_from(ran->out);
    } catch (const std::exception& e) {  // out of memory, in practice
        return std::unexpected(
            BundleRefusal{BundleProblem::Unreadable, std::string("inspection failed: ") + e.what()});
    } catch (...) {
        return std::unexpected(BundleRefusal{BundleProblem::Unreadable, "inspection failed"});
    }
}

}  // namespace hk::update
