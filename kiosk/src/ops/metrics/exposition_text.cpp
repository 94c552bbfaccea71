#include "exposition_text.h"

#include <charconv>
#include <cmath>

namespace hk::ops::exposition {

namespace {

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string restricted_name(std::string_view name, bool allow_colon) {
    if (name.empty()) return "_";
    std::string out;
    out.reserve(name.size());
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool allowed = is_letter(c) || c == '_' || (allow_colon && c == ':') || (i > 0 && is_digit(c));
        out += allowed ? c : '_';
    }
    return out;
}

std::string_view type_name(MetricType type) {
    switch (type) {
        case MetricType::Counter:
            return "counter";
        case MetricType::Gauge:
            return "gauge";
        case MetricType::Histogram:
            return "histogram";
    }
    return "untyped";
}

}  // namespace

std::string metric_name(std::string_view name) {
    return restricted_name(name, true);
}

std::string label_name(std::string_view name) {
    return restricted_name(name, false);
}

std::string escape_label_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string escape_help(std::string_view help) {
    std::string out;
    out.reserve(help.size());
    for (const char c : help) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc{}) return "NaN";
    return {buffer, end};
}

std::string label_set(const Labels& labels, std::string_view le) {
    if (labels.empty() && le.empty()) return {};
    std::string out = "{";
    bool first = true;
    for (const auto& [name, value] : labels) {
        if (!first) out += ',';
        first = false;
        out += label_name(name) + "=\"" + escape_label_value(value) + '"';
    }
    if (!le.empty()) {
        if (!first) out += ',';
        out += "le=\"" + std::string(le) + '"';
    }
    return out + '}';
}

std::string family_header(std::string_view name, MetricType type) {
    const std::string exposed = metric_name(name);
    const MetricDefinition* definition = find_metric_definition(name);
    const std::string help = definition != nullptr ? escape_help(definition->help)
                                                   : "HuKiosk metric " + exposed + " (not in the catalogue).";
    return "# HELP " + exposed + ' ' + help + "\n# TYPE " + exposed + ' ' + std::string(type_name(type)) +
           '\n';
}

}  // namespace hk::ops::exposition
