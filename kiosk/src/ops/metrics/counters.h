// Counters a technician reads off the kiosk (sessions, pages printed, paper used, failures by fault code),
// kept across restarts and power cuts in their own SQLite file (WAL, synchronous=FULL): each add is committed
// before it returns. One row per name and label set; labels are order-insensitive. Thread-safe.
// Never put personal data in a label: counters go to telemetry.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "metric_labels.h"

namespace hk::ops {

struct CounterValue {
    std::string name;
    Labels labels;  // canonical: sorted by label name
    std::int64_t value = 0;
};

class Counters {
  public:
    // Opens (creating when needed) the counter database.
    static std::expected<Counters, std::string> open(const std::filesystem::path& database);
    Counters(Counters&&) noexcept;
    Counters& operator=(Counters&&) noexcept;
    Counters(const Counters&) = delete;
    Counters& operator=(const Counters&) = delete;
    ~Counters();

    // Persisted before return. A write the disk refuses is logged (name only) and leaves the value unchanged.
    // A negative delta is refused the same way: a Prometheus counter that goes down reads as a restart.
    void add(std::string_view name, const Labels& labels = {}, std::int64_t delta = 1);
    [[nodiscard]] std::int64_t value(std::string_view name, const Labels& labels = {}) const;
    // Every counter, ordered by name.
    [[nodiscard]] std::vector<CounterValue> snapshot() const;

  private:
    struct State;
    explicit Counters(std::unique_ptr<State> state);

    std::unique_ptr<State> state_;
};

}  // namespace hk::ops
