#include "central_answer_entry.h"

#include <cmath>

#include "central/answer_errors.h"
#include "central/central_json.h"
#include "central/retry_after.h"

namespace hk::kiosk::central::fuzz {

namespace {

// A detail is a field path and a reason; one that grows with the input would be quoting it.
constexpr std::size_t kLongestDetail = 160;

template <class T>
std::string refusal_problem(const std::expected<T, CentralError>& result, const char* reader) {
    if (result) return {};
    if (result.error().kind != CentralErrorKind::BadAnswer)
        return std::string(reader) + ": refusal is not BadAnswer";
    if (result.error().detail.empty()) return std::string(reader) + ": refusal without detail";
    if (result.error().detail.size() > kLongestDetail) return std::string(reader) + ": detail too long";
    return {};
}

bool is_date(std::string_view text) {
    return text.size() == 10 && text[4] == '-' && text[7] == '-';
}

std::string check_readers(std::string_view bytes) {
    std::string problem;
    const auto note = [&](std::string found) {
        if (problem.empty()) problem = std::move(found);
    };

    const auto eligibility = parse_eligibility(bytes);
    note(refusal_problem(eligibility, "eligibility"));

    const auto certificate = parse_certificate(bytes);
    note(refusal_problem(certificate, "certificate"));
    if (certificate && (certificate->serial.empty() || certificate->proof_payload.empty() ||
                        certificate->verification_code.empty() || !is_date(certificate->issued_on))) {
        note("certificate: accepted without its required values");
    }

    const auto receipt = parse_application_receipt(bytes);
    note(refusal_problem(receipt, "receipt"));
    if (receipt && (!is_tracking_number(receipt->tracking_number) || receipt->expected_working_days < 0)) {
        note("receipt: accepted an impossible receipt");
    }

    const auto status = parse_application_status(bytes);
    note(refusal_problem(status, "status"));
    if (status &&
        (status->tracking_number.empty() || status->state.empty() || !is_date(status->updated_on))) {
        note("status: accepted without its required values");
    }

    const auto points = parse_handling_points(bytes);
    note(refusal_problem(points, "handling points"));
    if (points) {
        for (const HandlingPoint& point : *points) {
            if (!std::isfinite(point.distance_km) || point.distance_km < 0 || point.queue_length < 0) {
                note("handling points: accepted an impossible point");
            }
        }
    }

    const auto error_body = parse_error_body(bytes);
    note(refusal_problem(error_body, "error body"));

    // Whatever the body, the status alone decides the kind of a failed call, and the detail stays short.
    const CentralError refused = error_for_status(422, bytes);
    if (refused.kind != CentralErrorKind::Rejected) note("422 not Rejected");
    if (refused.detail.size() > kLongestDetail) note("status detail too long");

    if (const auto seconds = parse_retry_after(bytes); seconds && seconds->count() < 0) {
        note("Retry-After: negative");
    }
    return problem;
}

}  // namespace

std::string check_central_answer(std::string_view bytes) {
    try {
        return check_readers(bytes);
    } catch (const std::exception& error) {
        return std::string("exception escaped a reader: ") + error.what();
    } catch (...) {
        return "unknown exception escaped a reader";
    }
}

}  // namespace hk::kiosk::central::fuzz
