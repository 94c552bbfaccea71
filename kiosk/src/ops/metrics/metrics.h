// The kiosk's in-process metrics registry: gauges and histograms held in memory, plus the persisted Counters,
// rendered together in the Prometheus text exposition format 0.0.4 for the control socket and the metrics
// HTTP endpoint. Names, types and HELP texts come from metric_names.h. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "counters.h"
#include "metric_labels.h"

namespace hk::ops {

class Metrics {
  public:
    // The persisted counters appear as Prometheus counters; `counters` must outlive the registry.
    explicit Metrics(Counters& counters);

    void set_gauge(std::string_view name, const Labels& labels, double value);
    // Non-finite durations are dropped: one NaN would poison the histogram's sum for good.
    void observe_seconds(std::string_view histogram, const Labels& labels, double seconds);

    [[nodiscard]] std::string prometheus_text() const;

  private:
    struct Gauge {
        Labels labels;
        double value = 0.0;
    };
    struct Histogram {
        Labels labels;
        std::vector<double> bounds;  // upper bounds, ascending; +Inf is implicit
        std::vector<std::uint64_t>
            in_bucket;  // per bound, not cumulative; the last slot is above every bound
        double sum = 0.0;
        std::uint64_t count = 0;
    };

    Counters& counters_;
    mutable std::mutex mutex_;
    // Keyed by metric name, then series key, so the page comes out in a stable order.
    std::map<std::string, std::map<std::string, Gauge>, std::less<>> gauges_;
    std::map<std::string, std::map<std::string, Histogram>, std::less<>> histograms_;
};

}  // namespace hk::ops
