// Labels of a counter, gauge or histogram series, and the one canonical form every part of the registry
// uses: sorted by label name, so {a,b} and {b,a} name the same series in memory, on disk and on the page.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hk::ops {

using Labels = std::vector<std::pair<std::string, std::string>>;

// The labels sorted by name (stable, so a repeated name keeps its given order).
Labels canonical_labels(Labels labels);

// A compact key that tells series apart: the canonical labels with their lengths, so no label value can
// forge another series' key whatever characters it holds.
std::string series_key(const Labels& canonical);

}  // namespace hk::ops
