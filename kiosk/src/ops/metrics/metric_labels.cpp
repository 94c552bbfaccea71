#include "metric_labels.h"

#include <algorithm>

namespace hk::ops {

Labels canonical_labels(Labels labels) {
    std::stable_sort(labels.begin(), labels.end(),
                     [](const auto& left, const auto& right) { return left.first < right.first; });
    return labels;
}

std::string series_key(const Labels& canonical) {
    std::string key;
    for (const auto& [name, value] : canonical) {
        key += std::to_string(name.size()) + ':' + name + std::to_string(value.size()) + ':' + value;
    }
    return key;
}

}  // namespace hk::ops
