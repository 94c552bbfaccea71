// What a final non-2xx answer means for the kiosk: 404 NotFound, 429 (still, after the retries) and 5xx
// ServerError, any other 4xx Rejected; a 1xx/3xx is not an answer the protocol has, so BadAnswer. The detail
// gives the status and the protocol's stable error code, never the server's free-text message.
#pragma once

#include <string_view>

#include "kiosk/central_service.h"

namespace hk::kiosk::central {

CentralError error_for_status(long status, std::string_view body);

}  // namespace hk::kiosk::central
