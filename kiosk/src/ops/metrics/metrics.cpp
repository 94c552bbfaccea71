#include "metrics.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "exposition_text.h"
#include "metric_names.h"

namespace hk::ops {

namespace {

std::vector<double> buckets_for(std::string_view histogram) {
    const MetricDefinition* definition = find_metric_definition(histogram);
    if (definition != nullptr && definition->type == MetricType::Histogram && !definition->buckets.empty()) {
        return {definition->buckets.begin(), definition->buckets.end()};
    }
    return {metric_buckets::kDefault.begin(), metric_buckets::kDefault.end()};
}

// One family's text, gathered before the page is assembled in name order.
struct Family {
    MetricType type;
    std::string samples;
};

void append_sample(std::string& out, std::string_view name, const std::string& labels,
                   const std::string& value) {
    out += exposition::metric_name(name);
    out += labels;
    out += ' ';
    out += value;
    out += '\n';
}

}  // namespace

Metrics::Metrics(Counters& counters) : counters_(counters) {}

void Metrics::set_gauge(std::string_view name, const Labels& labels, double value) {
    Labels canonical = canonical_labels(labels);
    const std::string key = series_key(canonical);
    const std::lock_guard lock(mutex_);
    auto family = gauges_.find(name);
    if (family == gauges_.end())
        family = gauges_.emplace(std::string(name), std::map<std::string, Gauge>{}).first;
    Gauge& gauge = family->second[key];
    gauge.labels = std::move(canonical);
    gauge.value = value;
}

void Metrics::observe_seconds(std::string_view histogram, const Labels& labels, double seconds) {
    if (!std::isfinite(seconds)) return;
    Labels canonical = canonical_labels(labels);
    const std::string key = series_key(canonical);
    const std::lock_guard lock(mutex_);
    auto family = histograms_.find(histogram);
    if (family == histograms_.end()) {
        family = histograms_.emplace(std::string(histogram), std::map<std::string, Histogram>{}).first;
    }
    auto [series, created] = family->second.try_emplace(key);
    Histogram& h = series->second;
    if (created) {
        h.labels = std::move(canonical);
        h.bounds = buckets_for(histogram);
        h.in_bucket.assign(h.bounds.size() + 1, 0);
    }
    // `le` is inclusive: an observation equal to a bound counts in that bound's bucket.
    const auto bucket = std::lower_bound(h.bounds.begin(), h.bounds.end(), seconds) - h.bounds.begin();
    ++h.in_bucket[static_cast<std::size_t>(bucket)];
    h.sum += seconds;
    ++h.count;
}

std::string Metrics::prometheus_text() const {
    // Read before taking our own lock: Counters has its own, and the two are never held together.
    const std::vector<CounterValue> counters = counters_.snapshot();

    std::map<std::string, Family> families;
    for (const CounterValue& counter : counters) {
        Family& family = families.try_emplace(counter.name, Family{MetricType::Counter, {}}).first->second;
        append_sample(family.samples, counter.name, exposition::label_set(counter.labels),
                      std::to_string(counter.value));
    }

    const std::lock_guard lock(mutex_);
    for (const auto& [name, series] : gauges_) {
        Family& family = families.try_emplace(name, Family{MetricType::Gauge, {}}).first->second;
        for (const auto& [key, gauge] : series) {
            append_sample(family.samples, name, exposition::label_set(gauge.labels),
                          exposition::number(gauge.value));
        }
    }
    for (const auto& [name, series] : histograms_) {
        Family& family = families.try_emplace(name, Family{MetricType::Histogram, {}}).first->second;
        const std::string bucket_name = name + "_bucket";
        for (const auto& [key, h] : series) {
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < h.bounds.size(); ++i) {
                cumulative += h.in_bucket[i];
                append_sample(family.samples, bucket_name,
                              exposition::label_set(h.labels, exposition::number(h.bounds[i])),
                              std::to_string(cumulative));
            }
            append_sample(family.samples, bucket_name, exposition::label_set(h.labels, "+Inf"),
                          std::to_string(h.count));
            append_sample(family.samples, name + "_sum", exposition::label_set(h.labels),
                          exposition::number(h.sum));
            append_sample(family.samples, name + "_count", exposition::label_set(h.labels),
                          std::to_string(h.count));
        }
    }

    std::string page;
    for (const auto& [name, family] : families) {
        page += exposition::family_header(name, family.type);
        page += family.samples;
    }
    return page;
}

}  // namespace hk::ops
