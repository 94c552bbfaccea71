// A test's own logger output: installs the kiosk's logger with a text sink that keeps its lines, and empties
// the process ring so a test sees only its own records.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ops/events/event_sinks.h"
#include "ops/events/log_event.h"

namespace hk::ops::testing {

class LogCapture {
  public:
    LogCapture() {
        process_recent_log().clear();
        // The logger outlives this capture (until the next test installs its own), so it shares the lines.
        init_logging(std::make_shared<TextEventSink>([captured = captured_](std::string_view line) {
            std::lock_guard lock(captured->mutex);
            captured->lines.emplace_back(line);
        }));
    }

    std::vector<std::string> lines() const {
        std::lock_guard lock(captured_->mutex);
        return captured_->lines;
    }

  private:
    struct Captured {
        std::mutex mutex;
        std::vector<std::string> lines;
    };
    std::shared_ptr<Captured> captured_ = std::make_shared<Captured>();
};

}  // namespace hk::ops::testing
