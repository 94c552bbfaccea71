#include "worker.h"

#include <pthread.h>

namespace hk::kiosk {

Worker::Worker(std::string name)
    : name_(std::move(name)), thread_([this](std::stop_token stop) { run(stop); }) {}

Worker::~Worker() {
    thread_.request_stop();
    wake_.notify_all();
}

void Worker::post(Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
}

void Worker::run(const std::stop_token& stop) {
    // The name shows in top -H, in gdb and in a crash report (kiosk_crashed); the kernel keeps 15 characters.
    (void)pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
    while (!stop.stop_requested()) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            if (!wake_.wait(lock, stop, [this] { return !jobs_.empty(); })) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job_started_ = std::chrono::steady_clock::now().time_since_epoch().count();
        job(stop);
        job_started_ = 0;
    }
}

std::chrono::steady_clock::duration Worker::busy_for(std::chrono::steady_clock::time_point now) const {
    const auto started = job_started_.load();
    if (started == 0) return {};
    return now.time_since_epoch() - std::chrono::steady_clock::duration(started);
}

}  // namespace hk::kiosk
