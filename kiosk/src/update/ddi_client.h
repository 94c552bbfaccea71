// The kiosk's HTTP side of the hawkBit DDI API (libcurl): the controller's poll, its deployment and cancel
// requests, feedback, configuration data, and artifact downloads that resume with an HTTP Range.
// Authenticates with a target token (`Authorization: TargetToken ...`) and/or a TLS client certificate; the
// token is sent only to the configured server, never to another host a link may point at (a CDN serving
// artifacts).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>

#include "update/rollout_server.h"

namespace hk::update {

struct DdiSettings {
    std::string server_url = {};  // "https://updates.example.cn", no trailing slash
    std::string tenant = "DEFAULT";
    std::string controller_id = {};
    std::string target_token = {};  // empty: rely on the client certificate
    std::string ca_file = {};       // https: the server is checked against this CA only
    std::string client_cert_file = {};
    std::string client_key_file = {};
    bool allow_plain_http = false;  // loopback test servers and the demo only
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::milliseconds request_timeout{30000};
    std::chrono::seconds stall_timeout{
        30};  // a download that moves no byte this long is cut and resumed later
};

class DdiClient final : public RolloutServer {
  public:
    explicit DdiClient(DdiSettings settings);
    ~DdiClient() override;
    DdiClient(const DdiClient&) = delete;
    DdiClient& operator=(const DdiClient&) = delete;

    std::expected<HttpReply, std::string> poll() override;
    std::expected<HttpReply, std::string> get(const std::string& url) override;
    std::expected<HttpReply, std::string> post_json(const std::string& url, const std::string& body) override;
    std::expected<HttpReply, std::string> put_json(const std::string& url, const std::string& body) override;
    DownloadAttempt download(const std::string& url, const std::filesystem::path& file,
                             std::uint64_t expected_size, std::chrono::milliseconds slice) override;

    const DdiSettings& settings() const { return settings_; }

  private:
    bool same_server(const std::string& url) const;
    std::expected<HttpReply, std::string> exchange(const char* method, const std::string& url,
                                                   const std::string* body);

    void* fresh_handle();  // CURL*, reset for the next request

    DdiSettings settings_;
    void* handle_ = nullptr;  // not shared between threads: each agent has its own client
};

}  // namespace hk::update
