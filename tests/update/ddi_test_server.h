// A hawkBit DDI test server on loopback (cpp-httplib): the documented controller endpoints (base poll,
// deploymentBase, cancelAction, feedback, configData) and artifact downloads with HTTP Range support, with
// the faults the update agent must survive injected on demand: 404 or 500 on the artifact, a connection
// dropped mid-download, a slow link, a cancel during the download, an artifact that no longer matches its
// hash.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace hk::update::testing {

struct ReceivedFeedback {
    std::string action_id;
    bool for_cancel = false;
    std::string execution;
    std::string finished;
    std::vector<std::string> details = {};
    std::string progress = {};  // "cnt/of", when sent
};

struct ArtifactFaults {
    int answer_404 = 0;            // answer this many requests with 404 (then serve)
    int answer_500 = 0;            // answer this many requests with 500 (then serve)
    std::uint64_t drop_after = 0;  // > 0: cut the connection after this many bytes of each of the next drops
    int drops = 0;
    std::chrono::milliseconds delay_per_block{0};  // a slow link: pause per 16 KiB block
    bool changed_content = false;                  // serve different bytes of the same length (hash mismatch)
    bool cancel_during_download = false;           // open a cancel action once the first bytes went out
    double drop_probability =
        0;  // each download is cut half-way with this probability (the fleet simulation)
};

class DdiTestServer {
  public:
    DdiTestServer();
    ~DdiTestServer();
    DdiTestServer(const DdiTestServer&) = delete;
    DdiTestServer& operator=(const DdiTestServer&) = delete;

    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    static constexpr const char* kTenant = "DEFAULT";

    // Offers a deployment of `bundle` (its bytes) to the controller; returns the action id.
    std::string offer(const std::string& controller_id, std::string bundle, const std::string& version,
                      const std::string& update_handling = "forced", bool window_available = true);
    // Offers a signed configuration document (its bytes) as a software module of type hukiosk-config.
    std::string offer_configuration(const std::string& controller_id, std::string document,
                                    const std::string& version);
    void set_update_handling(const std::string& action_id, const std::string& handling,
                             bool window_available);
    void set_download_handling(const std::string& action_id, const std::string& handling);
    void cancel(const std::string& action_id);    // opens a cancelAction for it
    void withdraw(const std::string& action_id);  // closes it on the server's side, without a cancel request
    void set_faults(const ArtifactFaults& faults);
    void set_polling_sleep(const std::string& hhmmss);
    void request_config_data(bool asked);
    void set_required_token(const std::string& token);
    // 503 to everything, as while the server restarts.
    void set_unavailable(bool unavailable) { unavailable_ = unavailable; }
    // The action's artifact answers 404 (it was deleted from the repository).
    void remove_artifact(const std::string& action_id);

    std::vector<ReceivedFeedback> feedback() const;
    // Closed feedbacks (final outcomes) received for the action.
    int closed_reports(const std::string& action_id) const;
    std::uint64_t artifact_bytes_sent() const { return artifact_bytes_sent_; }
    int artifact_requests() const { return artifact_requests_; }
    int polls() const { return polls_; }
    std::map<std::string, std::string> config_data() const;
    std::vector<std::string> ranges_seen() const;
    // The most requests any removed (404) artifact received: 1 means no agent asked again after its 404.
    int max_requests_for_missing_artifacts() const;

  private:
    struct Action {
        std::string id = {};
        std::string controller_id = {};
        std::string bundle = {};
        std::string sha256 = {};
        std::string version = {};
        std::string update_handling = {};
        std::string download_handling = "forced";
        bool window_available = true;
        bool configuration = false;
        bool closed = false;
        bool cancel_requested = false;
        bool artifact_missing = false;
    };

    void install_routes();
    const Action* open_action_for(const std::string& controller_id) const;
    bool authorised(const httplib::Request& request) const;

    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;

    mutable std::mutex mutex_;
    std::map<std::string, Action> actions_;
    std::map<std::string, std::vector<std::string>> actions_of_controller_;
    std::map<std::string, int> artifact_requests_of_action_;
    std::mt19937 random_{42};
    std::atomic<bool> unavailable_{false};
    int next_action_ = 1;
    ArtifactFaults faults_;
    std::string sleep_ = "00:00:01";
    bool ask_config_ = false;
    std::string token_;
    std::vector<ReceivedFeedback> feedback_;
    std::map<std::string, std::string> config_data_;
    std::vector<std::string> ranges_;
    std::atomic<std::uint64_t> artifact_bytes_sent_{0};
    std::atomic<int> artifact_requests_{0};
    std::atomic<int> polls_{0};
};

}  // namespace hk::update::testing
