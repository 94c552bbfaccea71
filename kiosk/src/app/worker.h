// A thread that runs jobs one after another: one per device (blocking I/O belongs here, never on the UI
// thread) and one for the central service. Jobs get a stop token so that shutting down interrupts long waits.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace hk::kiosk {

class Worker {
  public:
    using Job = std::function<void(const std::stop_token&)>;

    explicit Worker(std::string name);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void post(Job job);
    [[nodiscard]] const std::string& name() const { return name_; }
    // How long the job running now has been running (zero when idle): a job stuck far longer than any device
    // operation takes means a wedged device or driver, which the watchdog turns into a restart.
    [[nodiscard]] std::chrono::steady_clock::duration busy_for(
        std::chrono::steady_clock::time_point now) const;

  private:
    void run(const std::stop_token& stop);

    std::string name_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::deque<Job> jobs_;
    // steady_clock ticks when the running job started; 0 while idle.
    std::atomic<std::chrono::steady_clock::rep> job_started_{0};
    std::jthread thread_;  // last: started after the members it uses exist, joined before they go
};

}  // namespace hk::kiosk
