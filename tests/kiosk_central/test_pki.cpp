#include "test_pki.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace hk::kiosk::central::test {

namespace {

namespace fs = std::filesystem;

// ctest starts one process per test, and making the certificates (about fifteen openssl CLI calls, half a
// second) would cost more than most tests. So the processes of one test run, which share a parent (the ctest
// run, or the shell running the binary), share one directory, made by whichever comes first under a lock.
// Directories whose parent has exited are removed by the next run.
std::string prefix() {
    return "hukiosk-central-pki-" + std::to_string(getuid()) + "-";
}

void remove_orphaned_directories(const fs::path& base) {
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(base, ignored)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(prefix()) || name.ends_with(".lock")) continue;
        const long parent = std::strtol(name.c_str() + prefix().size(), nullptr, 10);
        if (parent <= 1 || kill(static_cast<pid_t>(parent), 0) == 0 || errno != ESRCH) continue;
        fs::remove_all(entry.path(), ignored);
        fs::remove(entry.path().string() + ".lock", ignored);
    }
}

class FileLock {
  public:
    explicit FileLock(const std::string& path)
        : fd_(::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600)) {
        if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) throw std::runtime_error("test PKI: cannot lock " + path);
    }
    ~FileLock() { ::close(fd_); }  // closing releases the lock
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

  private:
    int fd_;
};

TestPki make_or_reuse() {
    const fs::path base = fs::temp_directory_path();
    const std::string dir = (base / (prefix() + std::to_string(getppid()))).string();
    FileLock lock(dir + ".lock");
    remove_orphaned_directories(base);
    if (!fs::exists(dir + "/complete")) {
        std::error_code ignored;
        fs::remove_all(dir, ignored);  // a run that died half-way
        const std::string command = std::string("bash '") + HUKIOSK_SOURCE_DIR +
                                    "/tests/kiosk_central/make-test-pki.sh' '" + HUKIOSK_SOURCE_DIR + "' '" +
                                    dir + "'";
        if (std::system(command.c_str()) != 0) throw std::runtime_error("make-test-pki.sh failed");
        std::ofstream(dir + "/complete") << "ok\n";
    }
    TestPki pki;
    pki.dir = dir;
    pki.ca = dir + "/ca.pem";
    pki.server_cert = dir + "/server.pem";
    pki.server_key = dir + "/server.key";
    pki.kiosk_cert = dir + "/kiosks/kiosk-test.pem";
    pki.kiosk_key = dir + "/kiosks/kiosk-test.key";
    pki.expired_kiosk_cert = dir + "/kiosks/kiosk-expired.pem";
    pki.expired_kiosk_key = dir + "/kiosks/kiosk-expired.key";
    pki.other_ca = dir + "/other/ca.pem";
    pki.other_server_cert = dir + "/other/server.pem";
    pki.other_server_key = dir + "/other/server.key";
    return pki;
}

}  // namespace

const TestPki& test_pki() {
    static const TestPki pki = make_or_reuse();
    return pki;
}

}  // namespace hk::kiosk::central::test
