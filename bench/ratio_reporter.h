// A console reporter that also remembers each benchmark's time, so a benchmark program can print its figure
// as a ratio to a baseline measured in the same process (never against a number measured on another machine).
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>

namespace hk::bench {

class RatioReporter : public benchmark::ConsoleReporter {
  public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            if (run.run_type != Run::RT_Iteration) continue;
            // Adjusted time is in the benchmark's display unit; keep nanoseconds so ratios compare like with
            // like.
            times_ns_[run.benchmark_name()] =
                run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit) * 1e9;
        }
    }
    [[nodiscard]] double ns(const std::string& name) const {
        auto it = times_ns_.find(name);
        return it == times_ns_.end() ? 0.0 : it->second;
    }
    void print_ratio(const std::string& figure, const std::string& baseline, const char* meaning) const {
        const double a = ns(figure);
        const double b = ns(baseline);
        if (a <= 0 || b <= 0) return;
        std::printf("ratio %s / %s = %.3f  (%s)\n", figure.c_str(), baseline.c_str(), a / b, meaning);
    }

  private:
    std::map<std::string, double> times_ns_;
};

}  // namespace hk::bench
