// Today's date where the kiosk stands, for the offline checks that judge dates (proof validity, document
// dates).
#pragma once

#include <string>

namespace hk::kiosk::ctl {

// "YYYY-MM-DD" in the local time zone.
std::string local_date();

}  // namespace hk::kiosk::ctl
