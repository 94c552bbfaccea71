// A thread that runs jobs one after another: one per device (blocking I/O belongs here, never on the UI
// thread) and one for the central service. Jobs get a stop token so that shutting down interrupts long waits.
#pragma once

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

  private:
    void run(const std::stop_token& stop);

    std::string name_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::deque<Job> jobs_;
    std::jthread thread_;  // last: started after the members it uses exist, joined before they go
};

}  // namespace hk::kiosk
