// Crash consistency against the real central-ref over mutual TLS: scripted citizens get certificates and file
// applications while the kiosk is SIGKILLed at random moments, then restarted (recovery runs before the first
// screen). Afterwards, checked against the server's own records: every certificate the server issued to this
// kiosk was printed exactly once or is held for reprint; no certificate was printed twice; no transaction is
// left half done; applications are filed once per transaction. HUKIOSK_CRASH_RUNS sets the number of runs
// (default 50; tools/crash-soak.sh runs 1,000), HUKIOSK_CRASH_SEED the kill schedule.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "journal/journal.h"

namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

const fs::path kSource = HUKIOSK_SOURCE_DIR;

// A child process with its stdout on a pipe.
struct Child {
    pid_t pid = -1;
    FILE* out = nullptr;
};

Child spawn(const std::vector<std::string>& argv, const fs::path& log) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (log_fd >= 0) dup2(log_fd, STDERR_FILENO);
        close(pipe_fds[0]);
        std::vector<char*> args;
        for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(pipe_fds[1]);
    return {pid, fdopen(pipe_fds[0], "r")};
}

int wait_exit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Runs a query returning one integer against the server's database (read after the server has stopped).
int count(const fs::path& db_file, const std::string& sql) {
    sqlite3* db = nullptr;
    int value = -1;
    if (sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW) {
            value = sqlite3_column_int(stmt, 0);
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return value;
}

std::set<std::string> strings(const fs::path& db_file, const std::string& sql) {
    std::set<std::string> values;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
            while (sqlite3_step(stmt) == SQLITE_ROW) {
                values.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
            }
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return values;
}

TEST(CrashConsistency, KilledKiosksNeitherLoseNorDoubleCertificates) {
    const int runs =
        std::getenv("HUKIOSK_CRASH_RUNS") != nullptr ? std::atoi(std::getenv("HUKIOSK_CRASH_RUNS")) : 50;
    // Named by process: two harnesses sharing a folder (two checkouts tested at once) would print into each
    // other's output and count each other's certificates twice.
    const fs::path dir = fs::path(::testing::TempDir()) / ("crash-harness-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "out");
    ASSERT_EQ(std::system(((kSource / "tools/dev-pki.sh").string() + " " + (dir / "pki").string() +
                           " kiosk-crash > /dev/null")
                              .c_str()),
              0);

    Child server = spawn({HUKIOSK_CENTRAL_BINARY, "--listen", "127.0.0.1:0", "--db",
                          (dir / "central.db").string(), "--pki", (dir / "pki").string()},
                         dir / "central.log");
    ASSERT_GT(server.pid, 0);
    // However the test ends (a failed ASSERT returns early), the server goes with it.
    struct StopServer {
        pid_t pid;
        ~StopServer() {
            if (pid > 0 && kill(pid, SIGTERM) == 0) waitpid(pid, nullptr, 0);
        }
    } stop_server{server.pid};
    char line[256] = {};
    ASSERT_NE(std::fgets(line, sizeof line, server.out), nullptr) << "central-ref did not start";
    std::smatch port;
    const std::string listening(line);
    ASSERT_TRUE(std::regex_search(listening, port, std::regex(R"(listening on 127\.0\.0\.1:(\d+))")))
        << listening;

    std::ofstream(dir / "kiosk.json")
        << R"({"kiosk_id": "kiosk-crash", "central": {"url": "https://127.0.0.1:)" << port[1]
        << R"(", "ca_file": ")" << (dir / "pki/ca.pem").string() << R"(", "cert_file": ")"
        << (dir / "pki/kiosks/kiosk-crash.pem").string() << R"(", "key_file": ")"
        << (dir / "pki/kiosks/kiosk-crash.key").string() << R"("}})";
    auto kiosk = [&](const std::string& script) {
        return spawn(
            {HUKIOSK_KIOSK_BINARY, "--simulate", "--headless", "--config", (dir / "kiosk.json").string(),
             "--script", (fs::path(HUKIOSK_SOURCE_DIR) / "tests/crash" / script).string(), "--out",
             (dir / "out").string()},
            dir / "kiosk.log");
    };

    const char* seed = std::getenv("HUKIOSK_CRASH_SEED");
    std::mt19937 random(seed != nullptr ? static_cast<unsigned>(std::atoi(seed)) : 20261122u);
    std::uniform_int_distribution<int> kill_after_ms(50, 5500);
    int killed = 0;
    for (int run = 0; run < runs; ++run) {
        Child citizen = kiosk("crash-sessions.script");
        std::this_thread::sleep_for(milliseconds(kill_after_ms(random)));
        if (waitpid(citizen.pid, nullptr, WNOHANG) == 0) {
            kill(citizen.pid, SIGKILL);
            ++killed;
        }
        wait_exit(citizen.pid);
        std::fclose(citizen.out);
        Child restart = kiosk("restart.script");
        ASSERT_EQ(wait_exit(restart.pid), 0)
            << "restart after run " << run << " failed; see " << dir / "kiosk.log";
        std::fclose(restart.out);
    }
    kill(server.pid, SIGTERM);
    wait_exit(server.pid);
    stop_server.pid = -1;
    std::fclose(server.out);

    // What the server issued to this kiosk, against what the printer printed and the journal holds.
    const fs::path server_db = dir / "central.db";
    const std::set<std::string> issued =
        strings(server_db, "SELECT serial FROM certificates WHERE kiosk_id = 'kiosk-crash'");
    std::map<std::string, int> prints;
    for (const auto& entry : fs::directory_iterator(dir / "out")) {
        static const std::regex certificate_file(R"(certificate-(HK\d+)(-\d+)?\.pdf)");
        std::smatch match;
        const std::string name = entry.path().filename().string();
        if (std::regex_match(name, match, certificate_file)) ++prints[match[1]];
    }
    auto box = hk::kiosk::SealedBox::open(dir / "out/journal.key");
    ASSERT_TRUE(box.has_value());
    auto journal = hk::kiosk::Journal::open(dir / "out/journal.db", std::move(*box));
    ASSERT_TRUE(journal.has_value());
    const int held = journal->count(hk::kiosk::TransactionStep::Held);

    int printed_once = 0;
    for (const auto& [serial, times] : prints) {
        EXPECT_EQ(times, 1) << serial << " printed " << times << " times";
        EXPECT_TRUE(issued.contains(serial)) << serial << " printed but unknown to the server";
        printed_once += times == 1;
    }
    EXPECT_TRUE(journal->unfinished().empty()) << "transactions left half done";
    EXPECT_EQ(static_cast<int>(issued.size()), printed_once + held)
        << "every issued certificate is printed once or held for reprint";
    const int filed = count(server_db, "SELECT count(*) FROM applications WHERE kiosk_id = 'kiosk-crash'");
    const int filing_keys =
        count(server_db,
              "SELECT count(*) FROM idempotency WHERE kiosk_id = 'kiosk-crash' AND key LIKE "
              "'%household_book'");
    EXPECT_EQ(filed, filing_keys) << "one application per transaction";

    std::printf(
        "crash harness: %d runs, %d killed mid-run; server issued %zu certificates: %d printed once, %d held "
        "for reprint, %d printed twice; %d applications filed for %d transactions; %d sessions wiped after "
        "a crash\n",
        runs, killed, issued.size(), printed_once, held,
        static_cast<int>(std::count_if(prints.begin(), prints.end(), [](auto& p) { return p.second > 1; })),
        filed, filing_keys,
        count(dir / "out/journal.db", "SELECT count(*) FROM sessions WHERE interrupted = 1"));
    if (!::testing::Test::HasFailure()) fs::remove_all(dir);  // kept for a look when something failed
}

}  // namespace
