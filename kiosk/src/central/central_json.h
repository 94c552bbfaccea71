// Strict readers of the central service's answers (central/openapi.yaml). Every required field must be
// present with its type, enums must hold one of their values, and anything else (malformed or truncated JSON,
// a wrong type, a missing field) is CentralError{BadAnswer}. Unknown fields are ignored, as the protocol
// says. The readers never throw and never crash on any input: they are fuzzed (tests/fuzz/). Error details
// name the field at fault, never a value, so no personal data reaches a log.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/central_service.h"

namespace hk::kiosk::central {

// The body of any non-2xx answer (schema Error). Only the stable code is kept: `message` is free text that
// could echo what the kiosk sent.
struct ErrorBody {
    std::string code;  // one of bad_request, unauthorized, not_found, conflict, unprocessable, ...
};

std::expected<EligibilityAnswer, CentralError> parse_eligibility(std::string_view body) noexcept;
std::expected<IssuedCertificate, CentralError> parse_certificate(std::string_view body) noexcept;
std::expected<ApplicationReceipt, CentralError> parse_application_receipt(std::string_view body) noexcept;
std::expected<ApplicationStatus, CentralError> parse_application_status(std::string_view body) noexcept;
std::expected<std::vector<HandlingPoint>, CentralError> parse_handling_points(std::string_view body) noexcept;
std::expected<ErrorBody, CentralError> parse_error_body(std::string_view body) noexcept;

// Whether `text` is a tracking number as the protocol writes them: exactly 12 ASCII digits.
[[nodiscard]] bool is_tracking_number(std::string_view text);

}  // namespace hk::kiosk::central
