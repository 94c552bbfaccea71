#include "curl_exchange.h"

#include <curl/curl.h>

#include <array>
#include <limits>
#include <mutex>
#include <utility>

#include "retry_after.h"
#include "wiping_buffer.h"

namespace hk::kiosk::central {

HttpAnswer::HttpAnswer(HttpAnswer&& other) noexcept
    : status(other.status), body(std::move(other.body)), retry_after(other.retry_after) {
    wipe_string(other.body);
}

HttpAnswer& HttpAnswer::operator=(HttpAnswer&& other) noexcept {
    if (this != &other) {
        wipe_string(body);
        status = other.status;
        body = std::move(other.body);
        retry_after = other.retry_after;
        wipe_string(other.body);
    }
    return *this;
}

HttpAnswer::~HttpAnswer() {
    wipe_string(body);
}

namespace {

// libcurl's options are C varargs; these fix the argument type per kind of option, as libcurl requires
// (a long must really be a long), and report whether libcurl accepted the option.
bool set_long(CURL* handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value) == CURLE_OK;
}
bool set_text(CURL* handle, CURLoption option, const char* value) {
    return curl_easy_setopt(handle, option, value) == CURLE_OK;
}
bool set_pointer(CURL* handle, CURLoption option, void* value) {
    return curl_easy_setopt(handle, option, value) == CURLE_OK;
}
bool set_size(CURL* handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value) == CURLE_OK;
}
using WriteCallback = std::size_t (*)(char*, std::size_t, std::size_t, void*);
bool set_writer(CURL* handle, WriteCallback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback) == CURLE_OK;
}

long info_long(CURL* handle, CURLINFO info) {
    long value = 0;
    return curl_easy_getinfo(handle, info, &value) == CURLE_OK ? value : 0;
}
curl_off_t info_off(CURL* handle, CURLINFO info) {
    curl_off_t value = 0;
    return curl_easy_getinfo(handle, info, &value) == CURLE_OK ? value : 0;
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Collects the answer body up to the limit. Returning less than offered makes libcurl abort the transfer with
// CURLE_WRITE_ERROR, so an oversized answer stops arriving as soon as it crosses the limit.
struct Receiver {
    std::string body;
    std::size_t limit = 0;
    std::size_t delivered = 0;
};

std::size_t receive(char* data, std::size_t size, std::size_t count, void* user) {
    auto& receiver = *static_cast<Receiver*>(user);
    const std::size_t n = size * count;
    receiver.delivered += n;
    if (n > receiver.limit - receiver.body.size()) return 0;
    try {
        append_wiping(receiver.body, std::string_view(data, n));
    } catch (...) {
        return 0;  // nothing may unwind through libcurl
    }
    return n;
}

class HeaderList {
  public:
    HeaderList() = default;
    HeaderList(const HeaderList&) = delete;
    HeaderList& operator=(const HeaderList&) = delete;
    ~HeaderList() { curl_slist_free_all(list_); }
    bool add(const std::string& line) {
        curl_slist* longer = curl_slist_append(list_, line.c_str());
        if (longer == nullptr) return false;
        list_ = longer;
        return true;
    }
    [[nodiscard]] curl_slist* get() const { return list_; }

  private:
    curl_slist* list_ = nullptr;
};

std::optional<std::chrono::seconds> retry_after_of(CURL* handle) {
    curl_header* header = nullptr;
    if (curl_easy_header(handle, "Retry-After", 0, CURLH_HEADER, -1, &header) != CURLHE_OK ||
        header == nullptr) {
        return std::nullopt;
    }
    return parse_retry_after(header->value);
}

}  // namespace

CurlExchange::CurlExchange(const TransportSettings& settings) : settings_(settings) {
    global_init();
    handle_ = curl_easy_init();
}

CurlExchange::~CurlExchange() {
    if (handle_ != nullptr) curl_easy_cleanup(handle_);
}

AttemptOutcome CurlExchange::perform(const HttpRequest& request) {
    const auto refuse = [](std::string detail) {
        return AttemptOutcome{std::unexpected(TransportFailure{
                                  CentralError{CentralErrorKind::Unreachable, std::move(detail)}, false}),
                              0};
    };
    CURL* handle = handle_;
    if (handle == nullptr) return refuse("libcurl could not start");

    Receiver receiver;
    receiver.limit = settings_.max_answer_bytes;
    std::array<char, CURL_ERROR_SIZE> error_text{};
    const std::string url = settings_.base_url + request.path;
    HeaderList headers;
    bool ok = headers.add("Accept: application/json") && headers.add("Expect:");
    if (request.method == HttpMethod::Post) ok = ok && headers.add("Content-Type: application/json");
    if (!request.idempotency_key.empty())
        ok = ok && headers.add("Idempotency-Key: " + request.idempotency_key);

    // Every option that makes the connection trustworthy must be accepted, or nothing is sent.
    ok = ok && set_text(handle, CURLOPT_URL, url.c_str());
    ok = ok && set_text(handle, CURLOPT_PROTOCOLS_STR, "https");
    ok = ok && set_text(handle, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    ok = ok && set_long(handle, CURLOPT_FOLLOWLOCATION, 0L);
    ok = ok && set_text(handle, CURLOPT_PROXY, "");  // ignore https_proxy & co. from the environment
    ok = ok && set_long(handle, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    ok = ok && set_long(handle, CURLOPT_SSL_VERIFYPEER, 1L);
    ok = ok && set_long(handle, CURLOPT_SSL_VERIFYHOST, 2L);
    ok = ok && set_text(handle, CURLOPT_CAINFO, settings_.ca_file.c_str());
    ok = ok && set_text(handle, CURLOPT_CAPATH, nullptr);  // the pinned CA only, never /etc/ssl/certs
    ok = ok && set_text(handle, CURLOPT_SSLCERTTYPE, "PEM");
    ok = ok && set_text(handle, CURLOPT_SSLCERT, settings_.client_cert_file.c_str());
    ok = ok && set_text(handle, CURLOPT_SSLKEY, settings_.client_key_file.c_str());
    // No TLS session resumption: a retry after a dropped connection then makes the same full handshake as the
    // first attempt. Servers that verify client certificates but set no session id context (cpp-httplib's
    // SSLServer is one) answer a resumption attempt with an internal_error alert, which would turn a
    // retryable timeout into a permanent failure.
    ok = ok && set_long(handle, CURLOPT_SSL_SESSIONID_CACHE, 0L);
    ok = ok && set_long(handle, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we run on a worker thread
    ok = ok &&
         set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.connect_timeout.count()));
    ok = ok && set_long(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.attempt_timeout.count()));
    // An announced Content-Length over the limit is refused before any of the body is read.
    ok = ok &&
         set_size(handle, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(settings_.max_answer_bytes));
    ok = ok && set_text(handle, CURLOPT_USERAGENT, "HuKiosk-central-client/1");
    ok = ok && set_pointer(handle, CURLOPT_HTTPHEADER, headers.get());
    ok = ok && set_writer(handle, receive);
    ok = ok && set_pointer(handle, CURLOPT_WRITEDATA, &receiver);
    ok = ok && set_pointer(handle, CURLOPT_ERRORBUFFER, error_text.data());
    if (request.method == HttpMethod::Post) {
        // POSTFIELDS points at the caller's body instead of copying it: one copy of the personal data, wiped
        // by its owner.
        ok =
            ok && set_size(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        ok = ok && set_pointer(handle, CURLOPT_POSTFIELDS,
                               const_cast<char*>(request.body.empty() ? "" : request.body.data()));
    } else {
        ok = ok && set_long(handle, CURLOPT_HTTPGET, 1L);
    }
    if (!ok) return refuse("libcurl refused a required TLS or transfer option");

    const CURLcode code = curl_easy_perform(handle);
    AttemptOutcome outcome{HttpAnswer{}, receiver.delivered};
    if (code != CURLE_OK) {
        const bool connected = info_off(handle, CURLINFO_CONNECT_TIME_T) > 0;
        TransferFacts facts{static_cast<int>(code), connected, info_long(handle, CURLINFO_SSL_VERIFYRESULT),
                            std::string_view(error_text.data()), settings_.max_answer_bytes};
        if (may_be_client_certificate_refusal(facts.curl_code)) {
            facts.own_certificate = own_certificate_state(settings_.client_cert_file);
        }
        outcome.answer = std::unexpected(classify_transfer_failure(facts));
    } else {
        outcome.answer->status = info_long(handle, CURLINFO_RESPONSE_CODE);
        outcome.answer->retry_after = retry_after_of(handle);
        outcome.answer->body = std::move(receiver.body);
    }
    // The handle outlives this call; leave it no pointers to our stack or to the caller's body.
    set_pointer(handle, CURLOPT_ERRORBUFFER, nullptr);
    set_pointer(handle, CURLOPT_HTTPHEADER, nullptr);
    set_pointer(handle, CURLOPT_WRITEDATA, nullptr);
    if (request.method == HttpMethod::Post) set_pointer(handle, CURLOPT_POSTFIELDS, nullptr);
    wipe_string(receiver.body);
    return outcome;
}

}  // namespace hk::kiosk::central
