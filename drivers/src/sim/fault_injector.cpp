#include "drivers/sim/fault_injector.h"

#include <algorithm>

namespace hk::drivers::sim {

void FaultInjector::fail_next(FaultKind kind) {
    const std::lock_guard lock(mutex_);
    pending_.push_back(kind);
}

void FaultInjector::set_unplugged(bool unplugged) {
    const std::lock_guard lock(mutex_);
    unplugged_ = unplugged;
}

void FaultInjector::set_delay(std::chrono::milliseconds delay) {
    const std::lock_guard lock(mutex_);
    delay_ = std::max(delay, std::chrono::milliseconds{0});
}

void FaultInjector::clear() {
    const std::lock_guard lock(mutex_);
    pending_.clear();
    unplugged_ = false;
    delay_ = std::chrono::milliseconds{0};
}

bool FaultInjector::unplugged() const {
    const std::lock_guard lock(mutex_);
    return unplugged_;
}

std::chrono::milliseconds FaultInjector::delay() const {
    const std::lock_guard lock(mutex_);
    return delay_;
}

std::optional<FaultKind> FaultInjector::take_fault() {
    const std::lock_guard lock(mutex_);
    // An unplugged device fails without consuming the one-shot faults: they strike once it is plugged back
    // in.
    if (unplugged_) return FaultKind::Unplugged;
    if (pending_.empty()) return std::nullopt;
    const FaultKind kind = pending_.front();
    pending_.pop_front();
    return kind;
}

bool FaultInjector::take_fault_of(FaultKind kind) {
    const std::lock_guard lock(mutex_);
    const auto it = std::find(pending_.begin(), pending_.end(), kind);
    if (it == pending_.end()) return false;
    pending_.erase(it);
    return true;
}

}  // namespace hk::drivers::sim
