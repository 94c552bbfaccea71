#include "local_date.h"

#include <ctime>

namespace hk::kiosk::ctl {

std::string local_date() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    localtime_r(&now, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

}  // namespace hk::kiosk::ctl
