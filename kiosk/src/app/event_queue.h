// The one queue every worker posts its events to; only the main loop takes from it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

#include "kiosk/session/events.h"

namespace hk::kiosk {

class EventQueue {
  public:
    void push(Event event) {
        {
            std::lock_guard lock(mutex_);
            events_.push_back(std::move(event));
        }
        ready_.notify_one();
    }

    // Waits up to `timeout` for an event.
    std::optional<Event> pop_for(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        if (!ready_.wait_for(lock, timeout, [this] { return !events_.empty(); })) return std::nullopt;
        Event event = std::move(events_.front());
        events_.pop_front();
        return event;
    }

    std::optional<Event> try_pop() { return pop_for(std::chrono::milliseconds(0)); }

    // Waits up to `timeout` until there is something to take, without taking it.
    void wait_for_any(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        ready_.wait_for(lock, timeout, [this] { return !events_.empty(); });
    }

  private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Event> events_;
};

}  // namespace hk::kiosk
