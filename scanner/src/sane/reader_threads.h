// The threads a SANE backend starts for a scan, watched so that they are cancelled only when that is safe.
//
// Why: backends built on sanei_thread (Debian's test backend and many real ones) read the device in a thread
// that they stop with pthread_cancel in *asynchronous* mode: in sane_cancel, and in the sane_read that
// delivers a page's last byte. A reader caught inside malloc or free keeps its malloc arena locked, and its
// own exit then waits for that lock forever, and so does the pthread_join in the backend: the scan never
// returns. Both moments happen: a scan that fails right after sane_start finds the reader still
// allocating its buffers, and the reader frees its buffer just after writing the last byte (a stress run of
// the SANE tests hung in 2 of 3 loops within 40,000 scans; a fixed 50 ms wait before cancelling had made the
// first case rarer, not gone, and a CI run hung on it). A reader that has ended, or sleeps in the kernel
// (blocked writing a full pipe, waiting on USB), is safe to cancel; one that is running may be inside the
// allocator.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <set>

namespace hk::scanner::sane::detail {

// The process's threads now (Linux: /proc/self/task).
std::set<pid_t> threads_of_this_process();

class ReaderThreads {
  public:
    // Taken just before sane_start: every thread that appears after it may be the backend's reader.
    ReaderThreads();

    // Waits until every thread started since construction has ended or sleeps in the kernel, for at most
    // `limit`; true when they settled, false when the limit passed (the caller cancels anyway: a scanner
    // that never settles must not hold the kiosk).
    bool wait_until_settled(std::chrono::milliseconds limit) const;

  private:
    std::set<pid_t> before_;
};

}  // namespace hk::scanner::sane::detail
