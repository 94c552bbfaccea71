// What the printer sent back, sorted by kind as it arrives: replies to DLE EOT (real-time, answered at once)
// and the reply to the GS r 1 at the end of a job (answered once the printer has printed that far). Their
// fixed bits tell them apart, so one can be waited for while the other is asked.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>

#include "printer/escpos/status.h"

namespace hk::printer::escpos {

class Replies {
  public:
    void take(std::span<const std::uint8_t> bytes) {
        for (const std::uint8_t byte : bytes) {
            if (is_realtime_status_byte(byte)) {
                realtime_.push_back(byte);
            } else if (find_paper_sensor_reply(std::span(&byte, 1))) {
                paper_ = byte;
            }
            // Anything else (ASB bytes from a printer configured to send them, line noise) tells nothing
            // about the question asked.
        }
    }
    std::optional<std::uint8_t> next_realtime() {
        if (realtime_.empty()) return std::nullopt;
        const std::uint8_t byte = realtime_.front();
        realtime_.pop_front();
        return byte;
    }
    void forget_realtime() { realtime_.clear(); }
    [[nodiscard]] std::optional<std::uint8_t> paper_reply() const { return paper_; }
    void forget_paper_reply() { paper_.reset(); }

  private:
    std::deque<std::uint8_t> realtime_;
    std::optional<std::uint8_t> paper_;
};

}  // namespace hk::printer::escpos
