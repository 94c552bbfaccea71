// A fatal signal in any thread leaves the event line, the signal, the thread's name and a backtrace on stderr
// (the journal under systemd), then ends the process by that same signal, as systemd expects to see it.
#include <gtest/gtest.h>
#include <sys/prctl.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>

#include "app/crash_report.h"
#include "app/worker.h"

namespace hk::kiosk::testing {
namespace {

void crash_in_thread_named(const char* name, int signal) {
    install_crash_report();
    std::thread worker([name, signal] {
        (void)prctl(PR_SET_NAME, name, 0, 0, 0);
        (void)std::raise(signal);
    });
    worker.join();
    std::exit(0);  // not reached: the signal ends the process
}

TEST(CrashReport, ASegmentationFaultNamesTheSignalAndTheThreadAndPrintsTheBacktrace) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    // backtrace_symbols_fd names the module of each frame: this test program is one of them.
    EXPECT_EXIT(crash_in_thread_named("page-reader", SIGSEGV), ::testing::KilledBySignal(SIGSEGV),
                "\\[E1023 kiosk_crashed\\] fatal signal 11 \\(SIGSEGV\\) in thread 'page-reader'; "
                "backtrace \\(code addresses only\\):\n.*kiosk_devices_test");
}

TEST(CrashReport, AnAbortIsReportedAndStillEndsByAbort) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(crash_in_thread_named("central", SIGABRT), ::testing::KilledBySignal(SIGABRT),
                "fatal signal 6 \\(SIGABRT\\) in thread 'central'");
}

TEST(CrashReport, InstallingTwiceKeepsOneHandlerThatStillReports) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(
        {
            install_crash_report();
            crash_in_thread_named("main-loop", SIGBUS);
        },
        ::testing::KilledBySignal(SIGBUS), "fatal signal 7 \\(SIGBUS\\) in thread 'main-loop'");
}

TEST(CrashReport, AKioskWorkerIsNamedInTheReportCutToTheKernels15Characters) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(
        {
            install_crash_report();
            {
                Worker worker("central-service-calls");
                worker.post([](const std::stop_token&) { (void)std::raise(SIGSEGV); });
                std::this_thread::sleep_for(std::chrono::seconds(10));
            }
            std::exit(0);
        },
        ::testing::KilledBySignal(SIGSEGV), "in thread 'central-service'; backtrace");
}

}  // namespace
}  // namespace hk::kiosk::testing
