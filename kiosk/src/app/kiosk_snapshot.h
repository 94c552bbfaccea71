// What the main loop last saw, published each turn for the threads that answer technicians and provincial IT
// (the control socket, the MQTT heartbeat): they read this copy and never touch the session engine's state.
// No personal data: screen names, flags and device readiness only.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>

namespace hk::kiosk {

struct KioskSnapshot {
    std::string screen = "attract";
    bool in_service = true;
    bool session_active = false;
    bool maintenance_requested = false;
    std::string closed_until;  // outside the opening hours: when it opens again ("YYYY-MM-DD HH:MM")
    std::array<bool, 6> device_ready{true, true, true, true, true, true};  // drivers::DeviceKind order
    std::uint64_t sessions_since_start = 0;

    friend bool operator==(const KioskSnapshot&, const KioskSnapshot&) = default;
};

class SnapshotBoard {
  public:
    // True when the snapshot differs from the last one published.
    bool publish(const KioskSnapshot& snapshot) {
        std::lock_guard lock(mutex_);
        if (snapshot == current_) return false;
        current_ = snapshot;
        return true;
    }
    [[nodiscard]] KioskSnapshot read() const {
        std::lock_guard lock(mutex_);
        return current_;
    }

  private:
    mutable std::mutex mutex_;
    KioskSnapshot current_;
};

}  // namespace hk::kiosk
