// ReaderThreads: a failed scan waits until the threads a backend started have ended or sleep in the kernel,
// and never longer than its limit when one keeps running.
#include "reader_threads.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <thread>

namespace hk::scanner::sane::detail {
namespace {

using namespace std::chrono_literals;

TEST(ReaderThreadsTest, ThisThreadIsListed) {
    EXPECT_TRUE(threads_of_this_process().contains(gettid()));
}

TEST(ReaderThreadsTest, NoNewThreadIsSettled) {
    const ReaderThreads readers;
    EXPECT_TRUE(readers.wait_until_settled(0ms));
}

TEST(ReaderThreadsTest, AThreadThatRunsIsNotSettledWithinTheLimit) {
    const ReaderThreads readers;
    std::atomic<bool> stop{false};
    std::thread spinner{[&] {
        while (!stop.load(std::memory_order_relaxed)) {
        }
    }};
    // On two cores the spinner is running or runnable ('R') at every look, as a reader inside malloc is.
    const bool settled = readers.wait_until_settled(50ms);
    stop = true;
    spinner.join();
    EXPECT_FALSE(settled);
}

TEST(ReaderThreadsTest, AThreadThatEndedIsSettled) {
    const ReaderThreads readers;
    std::thread{[] {}}.join();
    // The kernel may list a joined thread a moment longer, while it finishes exiting.
    EXPECT_TRUE(readers.wait_until_settled(10s));
}

TEST(ReaderThreadsTest, AThreadBlockedWritingAFullPipeIsSettled) {
    int pipe_ends[2];
    ASSERT_EQ(pipe(pipe_ends), 0);
    const ReaderThreads readers;
    std::atomic<bool> writing{false};
    // What a backend's reader does with a page larger than the pipe when nobody reads it.
    constexpr std::size_t kPage = 256 * 1024;  // four times a Linux pipe's buffer
    std::thread writer{[&] {
        static const char page[kPage] = {};
        writing = true;
        (void)write(pipe_ends[1], page, sizeof page);
    }};
    while (!writing) std::this_thread::yield();
    EXPECT_TRUE(readers.wait_until_settled(10s));
    // Read the page so the writer can end.
    std::size_t drained = 0;
    char buffer[4096];
    while (drained < kPage) {
        const ssize_t got = read(pipe_ends[0], buffer, sizeof buffer);
        if (got <= 0) break;
        drained += static_cast<std::size_t>(got);
    }
    writer.join();
    EXPECT_EQ(drained, kPage);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
}

}  // namespace
}  // namespace hk::scanner::sane::detail
