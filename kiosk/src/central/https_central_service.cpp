#include "https_central_service.h"

#include <random>
#include <thread>
#include <utility>

#include "central/answer_errors.h"
#include "central/central_json.h"
#include "central/central_requests.h"

namespace hk::kiosk::central {

namespace {

TransportSettings transport_settings(const CentralClientOptions& options) {
    TransportSettings settings;
    settings.base_url = options.base_url;
    while (!settings.base_url.empty() && settings.base_url.back() == '/') settings.base_url.pop_back();
    settings.ca_file = options.ca_file;
    settings.client_cert_file = options.client_cert_file;
    settings.client_key_file = options.client_key_file;
    settings.connect_timeout = options.connect_timeout;
    settings.attempt_timeout = options.attempt_timeout;
    settings.max_answer_bytes = options.max_answer_bytes;
    return settings;
}

RetryPolicy retry_policy(const CentralClientOptions& options) {
    return RetryPolicy{options.max_attempts, options.backoff_base, options.backoff_cap,
                       options.retry_after_cap};
}

std::uint64_t seed_of(const CentralClientOptions& options) {
    if (options.jitter_seed) return *options.jitter_seed;
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

CentralError rejected(std::string detail) {
    return CentralError{CentralErrorKind::Rejected, std::move(detail)};
}

template <class T, class Parse>
std::expected<T, CentralError> parse_with(std::expected<HttpAnswer, CentralError> answer, Parse parse) {
    if (!answer) return std::unexpected(std::move(answer.error()));
    return parse(answer->body);
}

}  // namespace

bool is_valid_idempotency_key(std::string_view key) {
    if (key.empty() || key.size() > 200) return false;
    for (char c : key) {
        if (c < 0x21 || c > 0x7E) return false;  // also keeps CR/LF out of the header
    }
    return true;
}

HttpsCentralService::HttpsCentralService(CentralClientOptions options)
    : options_(std::move(options)),
      transport_(transport_settings(options_)),
      policy_(retry_policy(options_)),
      backoff_(policy_, seed_of(options_)) {
    if (!options_.sleep)
        options_.sleep = [](std::chrono::milliseconds pause) { std::this_thread::sleep_for(pause); };
}

std::expected<HttpAnswer, CentralError> HttpsCentralService::exchange(std::string_view operation,
                                                                      const HttpRequest& request,
                                                                      bool idempotent) {
    CurlExchange curl(transport_);
    auto attempt = [&](int n) {
        const auto started = std::chrono::steady_clock::now();
        AttemptOutcome outcome = curl.perform(request);
        if (options_.on_attempt) {
            AttemptReport report;
            report.operation = operation;
            report.attempt = n;
            report.bytes_received = outcome.bytes_received;
            report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started);
            if (outcome.answer) {
                report.http_status = outcome.answer->status;
            } else {
                report.failure = outcome.answer.error().error.kind;
            }
            options_.on_attempt(report);
        }
        return outcome;
    };
    auto answer = run_attempts(policy_, backoff_, options_.sleep, idempotent, attempt);
    if (!answer) return answer;
    if (answer->status < 200 || answer->status > 299) {
        return std::unexpected(error_for_status(answer->status, answer->body));
    }
    return answer;
}

std::expected<EligibilityAnswer, CentralError> HttpsCentralService::check_eligibility(
    const VerifiedIdentity& subject, const std::string& service_id) {
    const RequestBody body = eligibility_body(subject, service_id);
    // Read-only, so retried like a GET although it is a POST (the identity must not travel in a URL).
    return parse_with<EligibilityAnswer>(
        exchange("POST /v1/eligibility", {HttpMethod::Post, "/v1/eligibility", body.text(), {}}, true),
        parse_eligibility);
}

std::expected<IssuedCertificate, CentralError> HttpsCentralService::issue_certificate(
    const CertificateRequest& request) {
    // Without a key a retry could issue a second certificate, so the protocol requires one on every issue.
    if (!is_valid_idempotency_key(request.idempotency_key))
        return std::unexpected(rejected("idempotency key invalid"));
    const RequestBody body = certificate_body(request);
    return parse_with<IssuedCertificate>(
        exchange("POST /v1/certificates",
                 {HttpMethod::Post, "/v1/certificates", body.text(), request.idempotency_key}, true),
        parse_certificate);
}

std::expected<ApplicationReceipt, CentralError> HttpsCentralService::file_application(
    const ApplicationRequest& request) {
    if (!is_valid_idempotency_key(request.idempotency_key))
        return std::unexpected(rejected("idempotency key invalid"));
    // Filing without the scanned pages would lose the citizen's documents; refuse rather than file half.
    if (request.attached_pages < 0 ||
        request.attachments.size() != static_cast<std::size_t>(request.attached_pages)) {
        return std::unexpected(rejected("pages missing"));
    }
    auto body = application_body(request);
    if (!body) return std::unexpected(std::move(body.error()));
    return parse_with<ApplicationReceipt>(
        exchange("POST /v1/applications",
                 {HttpMethod::Post, "/v1/applications", body->text(), request.idempotency_key}, true),
        parse_application_receipt);
}

std::expected<ApplicationStatus, CentralError> HttpsCentralService::application_status(
    const std::string& tracking_number) {
    // The number was typed by a citizen; one that cannot exist is "not found", and never reaches the URL.
    if (!is_tracking_number(tracking_number)) {
        return std::unexpected(CentralError{CentralErrorKind::NotFound, "tracking number is not 12 digits"});
    }
    auto status = parse_with<ApplicationStatus>(
        exchange("GET /v1/applications/{n}", {HttpMethod::Get, "/v1/applications/" + tracking_number, {}, {}},
                 true),
        parse_application_status);
    if (status && status->tracking_number != tracking_number) {
        return std::unexpected(CentralError{CentralErrorKind::BadAnswer,
                                            "application status: answer is about another application"});
    }
    return status;
}

std::expected<std::vector<HandlingPoint>, CentralError> HttpsCentralService::handling_points() {
    return parse_with<std::vector<HandlingPoint>>(
        exchange("GET /v1/handling-points", {HttpMethod::Get, "/v1/handling-points", {}, {}}, true),
        parse_handling_points);
}

}  // namespace hk::kiosk::central
