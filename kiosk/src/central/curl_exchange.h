// One HTTPS request/answer with libcurl, with the kiosk's TLS rules: TLS 1.2 or newer, the server verified
// against the pinned provincial CA only (never the system store), host name checked, the kiosk's client
// certificate presented, https only, no proxy from the environment, no redirects. Answers are read into a
// buffer capped at the configured size: a larger answer is cut off while it arrives, never buffered whole.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "central/transport_failure.h"

namespace hk::kiosk::central {

struct TransportSettings {
    std::string base_url;  // "https://127.0.0.1:8443", no trailing slash
    std::string ca_file;
    std::string client_cert_file;
    std::string client_key_file;
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds attempt_timeout{15000};
    std::size_t max_answer_bytes = 1U << 20;
};

enum class HttpMethod : std::uint8_t { Get, Post };

struct HttpRequest {
    HttpMethod method = HttpMethod::Get;
    std::string path;             // "/v1/eligibility"
    std::string_view body;        // POST only; not copied, the caller owns (and wipes) it
    std::string idempotency_key;  // sent as Idempotency-Key when not empty
};

// An answer of any status. Its body may hold personal data and is wiped when the answer is destroyed.
struct HttpAnswer {
    long status = 0;
    std::string body;
    std::optional<std::chrono::seconds> retry_after;  // from Retry-After, when given in seconds

    HttpAnswer() = default;
    HttpAnswer(HttpAnswer&& other) noexcept;
    HttpAnswer& operator=(HttpAnswer&& other) noexcept;
    HttpAnswer(const HttpAnswer&) = delete;
    HttpAnswer& operator=(const HttpAnswer&) = delete;
    ~HttpAnswer();
};

struct AttemptOutcome {
    std::expected<HttpAnswer, TransportFailure> answer;
    std::size_t bytes_received = 0;  // answer body bytes libcurl handed over, counting a refused last chunk
};

// Holds one easy handle for the attempts of one call, so a retry can reuse the connection. Not shared between
// threads: each call makes its own.
class CurlExchange {
  public:
    explicit CurlExchange(const TransportSettings& settings);
    ~CurlExchange();
    CurlExchange(const CurlExchange&) = delete;
    CurlExchange& operator=(const CurlExchange&) = delete;

    AttemptOutcome perform(const HttpRequest& request);

  private:
    const TransportSettings& settings_;
    void* handle_ = nullptr;  // CURL*
};

}  // namespace hk::kiosk::central
