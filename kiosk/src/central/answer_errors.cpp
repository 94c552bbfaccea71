#include "answer_errors.h"

#include <string>

#include "central/central_json.h"

namespace hk::kiosk::central {

CentralError error_for_status(long status, std::string_view body) {
    using enum CentralErrorKind;
    std::string detail = "HTTP " + std::to_string(status);
    // A body that does not follow the Error schema does not change what the status says.
    if (auto error = parse_error_body(body)) detail += " " + error->code;
    if (status == 404) return {NotFound, detail};
    // 429 after the last allowed attempt: the service is overloaded, which a later try can fix.
    if (status == 429) return {ServerError, detail + " (still too many requests)"};
    if (status >= 500 && status <= 599) return {ServerError, detail};
    if (status >= 400 && status <= 499) return {Rejected, detail};
    return {BadAnswer, detail + " is not an answer of the protocol"};
}

}  // namespace hk::kiosk::central
