// The systemd watchdog as systemd sees it: a datagram socket named by NOTIFY_SOCKET receives READY=1 and
// WATCHDOG=1 (the sd_notify protocol), and the feeding stops once a worker's job outlives the stall limit.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "app/watchdog.h"
#include "ops/events/recent_log.h"

namespace hk::kiosk::testing {
namespace {

using namespace std::chrono_literals;
using Clock = SystemdWatchdog::Clock;

class FakeSystemd : public ::testing::Test {
  protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() / ("hk-notify-" + std::to_string(::getpid()));
        std::filesystem::remove(path_);
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        ASSERT_GE(fd_, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path_.c_str(), sizeof address.sun_path - 1);
        ASSERT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        ::setenv("NOTIFY_SOCKET", path_.c_str(), 1);
        ::setenv("WATCHDOG_USEC", "200000", 1);  // WatchdogSec=0.2
        ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    }
    void TearDown() override {
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
        ::close(fd_);
        std::filesystem::remove(path_);
    }
    // The next notification, or "" when none arrives within a short wait.
    std::string next_message() {
        pollfd readable{fd_, POLLIN, 0};
        if (::poll(&readable, 1, 200) <= 0) return "";
        char buffer[512];
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
    }

    std::filesystem::path path_;
    int fd_ = -1;
};

TEST_F(FakeSystemd, ReadyThenFedTwicePerIntervalWhileWorkersMove) {
    SystemdWatchdog watchdog(30s);
    ASSERT_TRUE(watchdog.supervised());
    watchdog.ready();
    EXPECT_NE(next_message().find("READY=1"), std::string::npos);

    const Clock::time_point start = Clock::now();
    EXPECT_TRUE(watchdog.feed(start, "scanner", 0s));
    EXPECT_EQ(next_message(), "WATCHDOG=1");
    EXPECT_TRUE(watchdog.feed(start + 50ms, "scanner", 1s));
    EXPECT_EQ(next_message(), "") << "fed again before half the interval passed";
    EXPECT_TRUE(watchdog.feed(start + 120ms, "scanner", 1s));
    EXPECT_EQ(next_message(), "WATCHDOG=1");
}

TEST_F(FakeSystemd, WedgedWorkerStopsTheFeedingSoSystemdRestartsTheKiosk) {
    SystemdWatchdog watchdog(30s);
    const Clock::time_point start = Clock::now();
    ASSERT_TRUE(watchdog.feed(start, "a4-printer", 0s));
    ASSERT_EQ(next_message(), "WATCHDOG=1");
    EXPECT_FALSE(watchdog.feed(start + 1s, "a4-printer", 31s));
    EXPECT_FALSE(watchdog.feed(start + 2s, "a4-printer", 32s));
    EXPECT_EQ(next_message(), "") << "a wedged worker: no more WATCHDOG=1";
    bool logged = false;
    for (const auto& record : ops::recent_log_records()) {
        logged = logged || (record.name == "watchdog_stalled" &&
                            record.message.find("a4-printer") != std::string::npos);
    }
    EXPECT_TRUE(logged);
    // The job finished after all: feeding resumes.
    EXPECT_TRUE(watchdog.feed(start + 3s, "a4-printer", 0s));
    EXPECT_EQ(next_message(), "WATCHDOG=1");
}

TEST(SystemdWatchdogOutsideSystemd, DoesNothing) {
    ::unsetenv("WATCHDOG_USEC");
    SystemdWatchdog watchdog(30s);
    EXPECT_FALSE(watchdog.supervised());
    EXPECT_TRUE(watchdog.feed(Clock::now(), "scanner", 0s));
}

}  // namespace
}  // namespace hk::kiosk::testing
