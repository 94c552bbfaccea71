// The pieces of the Prometheus text exposition format 0.0.4 that need care: names restricted to the allowed
// characters, escaped HELP texts and label values, and numbers as Prometheus parses them (+Inf, NaN).
#pragma once

#include <string>
#include <string_view>

#include "metric_labels.h"
#include "metric_names.h"

namespace hk::ops::exposition {

// A metric name with every character outside [a-zA-Z0-9_:] (and a leading digit) replaced by '_'.
std::string metric_name(std::string_view name);
// A label name: like a metric name, without ':'.
std::string label_name(std::string_view name);
// Backslash, double quote and newline escaped as the format requires inside a label value.
std::string escape_label_value(std::string_view value);
// Backslash and newline escaped, as in a # HELP line.
std::string escape_help(std::string_view help);
// The shortest text that reads back as the same double; "+Inf", "-Inf", "NaN" for the others.
std::string number(double value);

// `{a="1",b="2"}`, or "" when there are no labels. `le` (a histogram bucket's bound) is appended when given.
std::string label_set(const Labels& labels, std::string_view le = {});

// "# HELP ..." and "# TYPE ..." lines for the family, from the catalogue or a generic text.
std::string family_header(std::string_view name, MetricType type);

}  // namespace hk::ops::exposition
