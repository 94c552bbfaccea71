#include "test_client.h"

#include "test_pki.h"

namespace hk::kiosk::central::test {

std::vector<std::chrono::milliseconds> ClientProbe::sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
}

std::vector<AttemptSeen> ClientProbe::attempts() const {
    std::lock_guard lock(mutex_);
    return attempts_;
}

CentralClientOptions ClientProbe::options(const std::string& base_url) {
    const TestPki& pki = test_pki();
    CentralClientOptions options;
    options.base_url = base_url;
    options.ca_file = pki.ca;
    options.client_cert_file = pki.kiosk_cert;
    options.client_key_file = pki.kiosk_key;
    options.connect_timeout = std::chrono::milliseconds(1000);
    options.attempt_timeout = std::chrono::milliseconds(2000);
    options.max_attempts = 3;
    options.backoff_base = std::chrono::milliseconds(100);
    options.backoff_cap = std::chrono::milliseconds(1000);
    options.retry_after_cap = std::chrono::milliseconds(5000);
    options.jitter_seed = 2026;
    options.sleep = [this](std::chrono::milliseconds pause) {
        std::lock_guard lock(mutex_);
        sleeps_.push_back(pause);
    };
    options.on_attempt = [this](const AttemptReport& report) {
        std::lock_guard lock(mutex_);
        attempts_.push_back({std::string(report.operation), report.attempt, report.http_status,
                             report.failure, report.bytes_received});
    };
    return options;
}

}  // namespace hk::kiosk::central::test
