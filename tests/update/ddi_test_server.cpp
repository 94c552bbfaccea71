#include "ddi_test_server.h"

#include <openssl/sha.h>

#include <array>
#include <nlohmann/json.hpp>
#include <regex>

#include "drivers/iso7816/bytes.h"

namespace hk::update::testing {
namespace {

using nlohmann::json;

constexpr std::size_t kBlock = 16 * 1024;

std::string sha256_hex(const std::string& bytes) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest.data());
    return drivers::iso7816::to_lower_hex(digest);
}

// Links point where the client reached the server (its Host header), as a server behind a forwarder must: the
// image test's VM reaches this one at another address than loopback. base_url() when the request names no
// host.
std::string link_base(const httplib::Request& request, const std::string& base_url) {
    const std::string host = request.get_header_value("Host");
    return host.empty() ? base_url : "http://" + host;
}

}  // namespace

DdiTestServer::DdiTestServer() {
    install_routes();
    // The fleet simulation sends hundreds of thousands of requests over a few connections: keep them open.
    server_.set_keep_alive_max_count(1000000);
    server_.set_tcp_nodelay(true);  // answers go out at once, not after the client's delayed ACK
    server_.set_pre_routing_handler([this](const httplib::Request&, httplib::Response& response) {
        if (!unavailable_) return httplib::Server::HandlerResponse::Unhandled;
        response.status = 503;
        return httplib::Server::HandlerResponse::Handled;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

DdiTestServer::~DdiTestServer() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
}

bool DdiTestServer::authorised(const httplib::Request& request) const {
    std::lock_guard lock(mutex_);
    return token_.empty() || request.get_header_value("Authorization") == "TargetToken " + token_;
}

const DdiTestServer::Action* DdiTestServer::open_action_for(const std::string& controller_id) const {
    auto ids = actions_of_controller_.find(controller_id);
    if (ids == actions_of_controller_.end()) return nullptr;
    for (const std::string& id : ids->second) {
        const Action& action = actions_.at(id);
        if (!action.closed) return &action;
    }
    return nullptr;
}

void DdiTestServer::install_routes() {
    const std::string controller = R"(/([A-Za-z0-9_-]+)/controller/v1/([A-Za-z0-9_.-]+))";

    server_.Get(controller, [this](const httplib::Request& request, httplib::Response& response) {
        ++polls_;
        if (!authorised(request)) {
            response.status = 401;
            return;
        }
        const std::string controller_id = request.matches[2];
        const std::string self = link_base(request, base_url()) + "/" + std::string(request.matches[1]) +
                                 "/controller/v1/" + controller_id;
        std::lock_guard lock(mutex_);
        json links = json::object();
        if (const Action* action = open_action_for(controller_id)) {
            if (action->cancel_requested) {
                links["cancelAction"] = {{"href", self + "/cancelAction/" + action->id}};
            } else {
                links["deploymentBase"] = {{"href", self + "/deploymentBase/" + action->id + "?c=-1234"}};
            }
        }
        if (ask_config_) links["configData"] = {{"href", self + "/configData"}};
        json body = {{"config", {{"polling", {{"sleep", sleep_}}}}}};
        if (!links.empty()) body["_links"] = links;
        response.set_content(body.dump(), "application/hal+json");
    });

    server_.Get(controller + R"(/deploymentBase/(\d+))", [this](const httplib::Request& request,
                                                                httplib::Response& response) {
        const std::string controller_id = request.matches[2];
        const std::string id = request.matches[3];
        const std::string self = link_base(request, base_url()) + "/" + std::string(request.matches[1]) +
                                 "/controller/v1/" + controller_id;
        std::lock_guard lock(mutex_);
        auto found = actions_.find(id);
        if (found == actions_.end() || found->second.closed) {
            response.status = 404;
            return;
        }
        const Action& action = found->second;
        const std::string filename = action.configuration ? "hukiosk-config-" + action.version + ".p7m"
                                                          : "hukiosk-" + action.version + ".raucb";
        json artifact = {
            {"filename", filename},
            {"hashes", {{"sha256", action.sha256}, {"sha1", "0"}, {"md5", "0"}}},
            {"size", action.bundle.size()},
            {"_links",
             {{"download-http", {{"href", self + "/softwaremodules/1/artifacts/" + id + "/" + filename}}}}}};
        json deployment = {{"download", action.download_handling},
                           {"update", action.update_handling},
                           {"chunks", json::array({{{"part", action.configuration ? "hukiosk-config" : "os"},
                                                    {"version", action.version},
                                                    {"name", "hukiosk"},
                                                    {"artifacts", json::array({artifact})}}})}};
        deployment["maintenanceWindow"] = action.window_available ? "available" : "unavailable";
        response.set_content(json{{"id", id}, {"deployment", deployment}}.dump(), "application/hal+json");
    });

    server_.Get(controller + R"(/cancelAction/(\d+))",
                [this](const httplib::Request& request, httplib::Response& response) {
                    const std::string id = request.matches[3];
                    std::lock_guard lock(mutex_);
                    response.set_content(json{{"id", id}, {"cancelAction", {{"stopId", id}}}}.dump(),
                                         "application/hal+json");
                });

    auto take_feedback = [this](const httplib::Request& request, httplib::Response& response,
                                bool for_cancel) {
        const std::string id = request.matches[3];
        json body = json::parse(request.body, nullptr, false);
        if (body.is_discarded() || !body.contains("status")) {
            response.status = 400;
            return;
        }
        ReceivedFeedback received{.action_id = id,
                                  .for_cancel = for_cancel,
                                  .execution = body["status"].value("execution", ""),
                                  .finished = body["status"]["result"].value("finished", "")};
        if (body["status"].contains("details")) {
            received.details = body["status"]["details"].get<std::vector<std::string>>();
        }
        if (const json& result = body["status"]["result"]; result.contains("progress")) {
            received.progress = std::to_string(result["progress"].value("cnt", -1)) + "/" +
                                std::to_string(result["progress"].value("of", -1));
        }
        std::lock_guard lock(mutex_);
        // Every feedback is kept, a late duplicate too: that is what the exactly-once tests count.
        feedback_.push_back(received);
        auto found = actions_.find(id);
        if (found == actions_.end() || found->second.closed) {
            response.status = 410;  // hawkBit: the action is gone
            return;
        }
        if (received.execution == "closed") found->second.closed = true;
        response.status = 200;
    };
    server_.Post(controller + R"(/deploymentBase/(\d+)/feedback)",
                 [take_feedback](const httplib::Request& request, httplib::Response& response) {
                     take_feedback(request, response, false);
                 });
    server_.Post(controller + R"(/cancelAction/(\d+)/feedback)",
                 [take_feedback](const httplib::Request& request, httplib::Response& response) {
                     take_feedback(request, response, true);
                 });

    server_.Put(controller + "/configData",
                [this](const httplib::Request& request, httplib::Response& response) {
                    json body = json::parse(request.body, nullptr, false);
                    std::lock_guard lock(mutex_);
                    if (body.is_discarded() || !body.contains("data") || !body["data"].is_object()) {
                        response.status = 400;
                        return;
                    }
                    for (const auto& [key, value] : body["data"].items())
                        config_data_[key] = value.get<std::string>();
                    ask_config_ = false;
                    response.status = 200;
                });

    server_.Get(controller + R"(/softwaremodules/1/artifacts/(\d+)/[A-Za-z0-9._-]+)",
                [this](const httplib::Request& request, httplib::Response& response) {
                    ++artifact_requests_;
                    const std::string id = request.matches[3];
                    std::string bytes;
                    std::uint64_t drop_after = 0;
                    std::chrono::milliseconds delay{0};
                    bool cancel = false;
                    {
                        std::lock_guard lock(mutex_);
                        ranges_.push_back(request.get_header_value("Range"));
                        ++artifact_requests_of_action_[id];
                        auto found = actions_.find(id);
                        if (found == actions_.end() || found->second.artifact_missing) {
                            response.status = 404;
                            return;
                        }
                        if (faults_.answer_404 > 0) {
                            --faults_.answer_404;
                            response.status = 404;
                            return;
                        }
                        if (faults_.answer_500 > 0) {
                            --faults_.answer_500;
                            response.status = 500;
                            return;
                        }
                        bytes = found->second.bundle;
                        if (faults_.changed_content) bytes.back() = static_cast<char>(bytes.back() ^ 0x55);
                        if (faults_.drops > 0) {
                            --faults_.drops;
                            drop_after = faults_.drop_after;
                        }
                        if (faults_.drop_probability > 0 && std::uniform_real_distribution<double>(
                                                                0, 1)(random_) < faults_.drop_probability) {
                            drop_after = std::max<std::uint64_t>(1, bytes.size() / 2);
                        }
                        delay = faults_.delay_per_block;
                        cancel = faults_.cancel_during_download;
                        faults_.cancel_during_download = false;
                    }
                    // httplib answers the Range itself (206, Content-Range) and asks the provider from its
                    // offset.
                    auto sent_here = std::make_shared<std::uint64_t>(0);
                    response.set_content_provider(
                        bytes.size(), "application/octet-stream",
                        [this, bytes, drop_after, delay, cancel, id, sent_here](
                            std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                            const std::size_t block = std::min(length, kBlock);
                            if (drop_after > 0 && *sent_here >= drop_after)
                                return false;  // cut the connection
                            if (delay.count() > 0) std::this_thread::sleep_for(delay);
                            if (!sink.write(bytes.data() + offset, block)) return false;
                            *sent_here += block;
                            artifact_bytes_sent_ += block;
                            if (cancel) this->cancel(id);
                            return true;
                        });
                });
}

std::string DdiTestServer::offer(const std::string& controller_id, std::string bundle,
                                 const std::string& version, const std::string& update_handling,
                                 bool window_available) {
    std::lock_guard lock(mutex_);
    const std::string id = std::to_string(next_action_++);
    Action action{.id = id,
                  .controller_id = controller_id,
                  .bundle = std::move(bundle),
                  .version = version,
                  .update_handling = update_handling,
                  .window_available = window_available};
    action.sha256 = sha256_hex(action.bundle);
    actions_of_controller_[action.controller_id].push_back(id);
    actions_[id] = std::move(action);
    return id;
}

std::string DdiTestServer::offer_configuration(const std::string& controller_id, std::string document,
                                               const std::string& version) {
    const std::string id = offer(controller_id, std::move(document), version);
    std::lock_guard lock(mutex_);
    actions_.at(id).configuration = true;
    return id;
}

void DdiTestServer::set_download_handling(const std::string& action_id, const std::string& handling) {
    std::lock_guard lock(mutex_);
    actions_.at(action_id).download_handling = handling;
}

void DdiTestServer::set_update_handling(const std::string& action_id, const std::string& handling,
                                        bool window_available) {
    std::lock_guard lock(mutex_);
    actions_.at(action_id).update_handling = handling;
    actions_.at(action_id).window_available = window_available;
}

void DdiTestServer::withdraw(const std::string& action_id) {
    std::lock_guard lock(mutex_);
    actions_.at(action_id).closed = true;
}

void DdiTestServer::remove_artifact(const std::string& action_id) {
    std::lock_guard lock(mutex_);
    actions_.at(action_id).artifact_missing = true;
}

void DdiTestServer::cancel(const std::string& action_id) {
    std::lock_guard lock(mutex_);
    actions_.at(action_id).cancel_requested = true;
}

void DdiTestServer::set_faults(const ArtifactFaults& faults) {
    std::lock_guard lock(mutex_);
    faults_ = faults;
}

void DdiTestServer::set_polling_sleep(const std::string& hhmmss) {
    std::lock_guard lock(mutex_);
    sleep_ = hhmmss;
}

void DdiTestServer::request_config_data(bool asked) {
    std::lock_guard lock(mutex_);
    ask_config_ = asked;
}

void DdiTestServer::set_required_token(const std::string& token) {
    std::lock_guard lock(mutex_);
    token_ = token;
}

std::vector<ReceivedFeedback> DdiTestServer::feedback() const {
    std::lock_guard lock(mutex_);
    return feedback_;
}

int DdiTestServer::closed_reports(const std::string& action_id) const {
    std::lock_guard lock(mutex_);
    int count = 0;
    for (const auto& received : feedback_) {
        if (received.action_id == action_id && received.execution == "closed") ++count;
    }
    return count;
}

std::map<std::string, std::string> DdiTestServer::config_data() const {
    std::lock_guard lock(mutex_);
    return config_data_;
}

int DdiTestServer::max_requests_for_missing_artifacts() const {
    std::lock_guard lock(mutex_);
    int most = 0;
    for (const auto& [id, action] : actions_) {
        if (!action.artifact_missing) continue;
        auto found = artifact_requests_of_action_.find(id);
        most = std::max(most, found == artifact_requests_of_action_.end() ? 0 : found->second);
    }
    return most;
}

std::vector<std::string> DdiTestServer::ranges_seen() const {
    std::lock_guard lock(mutex_);
    return ranges_;
}

}  // namespace hk::update::testing
