// The rollout server as the update agent sees it: a few HTTP exchanges and a resumable download. DdiClient is
// the real one (libcurl); the fleet simulation puts thousands of agents on one event loop behind the same
// interface.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>

namespace hk::update {

struct HttpReply {
    long status = 0;
    std::string body;  // capped; DDI answers are small
};

// One download request. The file grows from its current length (an HTTP Range from there); a 200 answer to a
// ranged request starts it again from zero.
struct DownloadAttempt {
    long status = 0;              // 0 when no HTTP answer came at all
    std::string transport_error;  // set when the connection failed, dropped or stalled
    std::uint64_t bytes_received = 0;
    std::uint64_t file_size = 0;  // the file's length afterwards
    bool slice_ended = false;     // stopped on purpose after the time slice: resume at the next
};

class RolloutServer {
  public:
    virtual ~RolloutServer() = default;
    // GET {server}/{tenant}/controller/v1/{controllerId}
    virtual std::expected<HttpReply, std::string> poll() = 0;
    virtual std::expected<HttpReply, std::string> get(const std::string& url) = 0;
    virtual std::expected<HttpReply, std::string> post_json(const std::string& url,
                                                            const std::string& body) = 0;
    virtual std::expected<HttpReply, std::string> put_json(const std::string& url,
                                                           const std::string& body) = 0;
    // Appends to `file` from its current length, for at most `slice` (then the agent polls, which is when it
    // hears of a cancellation). Never writes past expected_size.
    virtual DownloadAttempt download(const std::string& url, const std::filesystem::path& file,
                                     std::uint64_t expected_size, std::chrono::milliseconds slice) = 0;
};

}  // namespace hk::update
