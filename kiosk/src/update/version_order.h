// Orders bundle versions for anti-rollback: dotted parts compared as numbers where both are numbers ("1.10" >
// "1.9"), as text otherwise; a missing part counts as zero ("1.2" == "1.2.0").
#pragma once

#include <string_view>

namespace hk::update {

// < 0, 0, > 0 as a is older than, the same as, or newer than b.
int compare_versions(std::string_view a, std::string_view b);

inline bool is_newer(std::string_view candidate, std::string_view than) {
    return compare_versions(candidate, than) > 0;
}

}  // namespace hk::update
