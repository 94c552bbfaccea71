#include "update/ddi_client.h"

#include <curl/curl.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <system_error>

namespace hk::update {
namespace {

constexpr std::size_t kMaxReplyBytes = 256U * 1024U;

struct HeaderListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, HeaderListDeleter>;

std::size_t collect_reply(char* data, std::size_t size, std::size_t count, void* user) {
    auto* body = static_cast<std::string*>(user);
    const std::size_t bytes = size * count;
    if (body->size() + bytes > kMaxReplyBytes) return 0;  // a DDI answer is small: refuse to buffer more
    body->append(data, bytes);
    return bytes;
}

// Where a download's bytes go: appended to the file when the server honours the range (206), from the start
// when it sends the whole artifact (200), nowhere when it answers with an error page.
struct DownloadSink {
    CURL* handle = nullptr;
    std::FILE* file = nullptr;
    std::uint64_t start = 0;
    std::uint64_t expected_size = 0;
    std::uint64_t written = 0;
    bool decided = false;
    bool accepting = false;
    bool overflow = false;
    std::chrono::steady_clock::time_point slice_end;
    bool slice_ended = false;
};

std::size_t write_download(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<DownloadSink*>(user);
    const std::size_t bytes = size * count;
    if (!sink->decided) {
        long status = 0;
        curl_easy_getinfo(sink->handle, CURLINFO_RESPONSE_CODE, &status);
        sink->decided = true;
        if (status == 206) {
            sink->accepting = true;
        } else if (status == 200) {
            sink->accepting = true;
            sink->start = 0;
            if (std::fflush(sink->file) != 0 || ::ftruncate(fileno(sink->file), 0) != 0) return 0;
            std::rewind(sink->file);
        }
    }
    if (!sink->accepting) return bytes;  // an error page: read and forget
    if (sink->start + sink->written + bytes > sink->expected_size) {
        sink->overflow = true;
        return 0;
    }
    if (std::fwrite(data, 1, bytes, sink->file) != bytes) return 0;
    sink->written += bytes;
    return bytes;
}

int download_progress(void* user, curl_off_t /*dltotal*/, curl_off_t /*dlnow*/, curl_off_t /*ultotal*/,
                      curl_off_t /*ulnow*/) {
    auto* sink = static_cast<DownloadSink*>(user);
    if (std::chrono::steady_clock::now() >= sink->slice_end) {
        sink->slice_ended = true;
        return 1;  // abort: the agent polls, then resumes from here
    }
    return 0;
}

}  // namespace

DdiClient::DdiClient(DdiSettings settings) : settings_(std::move(settings)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

DdiClient::~DdiClient() {
    curl_easy_cleanup(static_cast<CURL*>(handle_));
}

void* DdiClient::fresh_handle() {
    // One handle for the client's life: its connection to the server is kept between polls (one TLS handshake
    // rather than one per request); the options are set afresh for each request.
    if (handle_ == nullptr) {
        handle_ = curl_easy_init();
    } else {
        curl_easy_reset(static_cast<CURL*>(handle_));
    }
    return handle_;
}

bool DdiClient::same_server(const std::string& url) const {
    return url.size() > settings_.server_url.size() && url.starts_with(settings_.server_url) &&
           url[settings_.server_url.size()] == '/';
}

namespace {

// The TLS and protocol rules shared by every request.
HeaderList apply_common(CURL* handle, const DdiSettings& settings, const std::string& url, bool send_token,
                        const char* content_type) {
    curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, settings.allow_plain_http ? "https,http" : "https");
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_PROXY, "");
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings.connect_timeout.count()));
    curl_easy_setopt(handle, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
    if (!settings.ca_file.empty()) {
        curl_easy_setopt(handle, CURLOPT_CAINFO, settings.ca_file.c_str());
        curl_easy_setopt(handle, CURLOPT_CAPATH, nullptr);
    }
    if (!settings.client_cert_file.empty()) {
        curl_easy_setopt(handle, CURLOPT_SSLCERT, settings.client_cert_file.c_str());
        curl_easy_setopt(handle, CURLOPT_SSLKEY, settings.client_key_file.c_str());
    }
    curl_slist* headers = curl_slist_append(nullptr, "Accept: application/hal+json, application/json");
    if (content_type != nullptr) headers = curl_slist_append(headers, content_type);
    if (send_token && !settings.target_token.empty()) {
        const std::string token = "Authorization: TargetToken " + settings.target_token;
        headers = curl_slist_append(headers, token.c_str());
    }
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    return HeaderList(headers);
}

}  // namespace

std::expected<HttpReply, std::string> DdiClient::exchange(const char* method, const std::string& url,
                                                          const std::string* body) {
    CURL* handle = static_cast<CURL*>(fresh_handle());
    if (handle == nullptr) return std::unexpected("libcurl could not start a request");
    HeaderList headers = apply_common(handle, settings_, url, same_server(url),
                                      body != nullptr ? "Content-Type: application/json" : nullptr);
    HttpReply reply;
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.request_timeout.count()));
    if (body != nullptr) {
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body->c_str());
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    }
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, collect_reply);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &reply.body);
    const CURLcode code = curl_easy_perform(handle);
    if (code != CURLE_OK) return std::unexpected(std::string(curl_easy_strerror(code)));
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

std::expected<HttpReply, std::string> DdiClient::poll() {
    return get(settings_.server_url + "/" + settings_.tenant + "/controller/v1/" + settings_.controller_id);
}

std::expected<HttpReply, std::string> DdiClient::get(const std::string& url) {
    return exchange("GET", url, nullptr);
}

std::expected<HttpReply, std::string> DdiClient::post_json(const std::string& url, const std::string& body) {
    return exchange("POST", url, &body);
}

std::expected<HttpReply, std::string> DdiClient::put_json(const std::string& url, const std::string& body) {
    return exchange("PUT", url, &body);
}

DownloadAttempt DdiClient::download(const std::string& url, const std::filesystem::path& file,
                                    std::uint64_t expected_size, std::chrono::milliseconds slice) {
    DownloadAttempt attempt;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(file.c_str(), "ab"), &std::fclose);
    if (!out) {
        attempt.transport_error = "cannot open " + file.string();
        return attempt;
    }
    std::error_code error;
    const std::uint64_t have = std::filesystem::file_size(file, error);
    CURL* handle = static_cast<CURL*>(fresh_handle());
    if (error || handle == nullptr) {
        attempt.transport_error = "cannot start the download";
        return attempt;
    }
    HeaderList headers = apply_common(handle, settings_, url, same_server(url), nullptr);
    DownloadSink sink;
    sink.handle = handle;
    sink.file = out.get();
    sink.start = have;
    sink.expected_size = expected_size;
    sink.slice_end = std::chrono::steady_clock::now() + slice;
    const std::string range = std::to_string(have) + "-";
    if (have > 0) curl_easy_setopt(handle, CURLOPT_RANGE, range.c_str());
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, write_download);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, download_progress);
    curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &sink);
    curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, static_cast<long>(settings_.stall_timeout.count()));
    const CURLcode code = curl_easy_perform(handle);
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &attempt.status);
    std::fflush(out.get());
    ::fsync(fileno(out.get()));
    out.reset();
    attempt.bytes_received = sink.written;
    attempt.slice_ended = sink.slice_ended;
    attempt.file_size = std::filesystem::file_size(file, error);
    if (error) attempt.file_size = 0;
    if (sink.overflow) {
        attempt.transport_error = "the server sent more than the artifact's size";
    } else if (code != CURLE_OK && !sink.slice_ended) {
        attempt.transport_error = curl_easy_strerror(code);
    }
    return attempt;
}

}  // namespace hk::update
