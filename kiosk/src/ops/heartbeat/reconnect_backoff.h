// Exponential backoff between reconnection attempts: first, 2 x first, 4 x first ... up to a cap, back to the
// first pause after a connection that worked.
#pragma once

#include <algorithm>
#include <chrono>

namespace hk::ops {

class ReconnectBackoff {
  public:
    ReconnectBackoff(std::chrono::milliseconds first, std::chrono::milliseconds cap)
        : first_(first), cap_(std::max(first, cap)), next_(first) {}

    std::chrono::milliseconds next_pause() {
        const std::chrono::milliseconds pause = next_;
        next_ = std::min(cap_, next_ * 2);
        return pause;
    }
    void reset() { next_ = first_; }

  private:
    std::chrono::milliseconds first_;
    std::chrono::milliseconds cap_;
    std::chrono::milliseconds next_;
};

}  // namespace hk::ops
