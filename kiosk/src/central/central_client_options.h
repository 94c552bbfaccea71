// How the kiosk reaches the central service: where, with which certificates, how patiently. Built from the
// kiosk's configuration; every duration has a default fit for a citizen waiting at the screen.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/central_service.h"

namespace hk::kiosk::central {

using Sleeper = std::function<void(std::chrono::milliseconds)>;

// One HTTPS attempt as it ended, for counters and tests. Names the operation, never a body or a person.
struct AttemptReport {
    std::string_view operation;               // "POST /v1/certificates"
    int attempt = 0;                          // 1 for the first try
    long http_status = 0;                     // 0 when no HTTP answer arrived
    std::optional<CentralErrorKind> failure;  // set when the transfer itself failed (no usable answer)
    std::size_t bytes_received = 0;           // answer bytes libcurl delivered, counting a refused last chunk
    std::chrono::milliseconds elapsed{0};
};

struct CentralClientOptions {
    std::string base_url;          // "https://central.example.gov.cn" or "https://127.0.0.1:PORT"
    std::string ca_file;           // the pinned provincial CA (PEM); the system store is never used
    std::string client_cert_file;  // this kiosk's certificate (PEM), CN = kiosk id
    std::string client_key_file;   // its private key (PEM, unencrypted)
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds attempt_timeout{10000};  // whole exchange, per attempt
    int max_attempts = 3;                              // for idempotent calls; others get one
    std::chrono::milliseconds backoff_base{250};
    std::chrono::milliseconds backoff_cap{4000};
    std::chrono::milliseconds retry_after_cap{10000};      // longest pause a 429's Retry-After can ask for
    std::size_t max_answer_bytes = 1U << 20;               // the protocol's 1 MiB answer limit
    std::optional<std::uint64_t> jitter_seed;              // unset: seeded from std::random_device
    Sleeper sleep;                                         // unset: std::this_thread::sleep_for
    std::function<void(const AttemptReport&)> on_attempt;  // optional; runs on the calling thread
};

}  // namespace hk::kiosk::central
