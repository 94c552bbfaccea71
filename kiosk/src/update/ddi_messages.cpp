#include "update/ddi_messages.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

namespace hk::update {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxBody = 256U * 1024U;
constexpr std::size_t kMaxText = 2048;                  // links, names, versions
constexpr std::uint64_t kMaxBundleBytes = 8ULL << 30U;  // 8 GiB: a root filesystem image and then some
constexpr std::size_t kMaxActionIdDigits = 18;          // fits an int64 with room

std::expected<json, std::string> parse_object(std::string_view body) {
    if (body.size() > kMaxBody) return std::unexpected("answer too large");
    json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) return std::unexpected("answer is not a JSON object");
    return doc;
}

const json* member(const json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

std::optional<std::string> text_member(const json& object, const char* key) {
    const json* value = member(object, key);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    const auto& text = value->get_ref<const std::string&>();
    if (text.empty() || text.size() > kMaxText) return std::nullopt;
    return text;
}

// _links.NAME.href, when present and an http(s) URL.
std::optional<std::string> link(const json& object, const char* name) {
    const json* links = member(object, "_links");
    const json* entry = links != nullptr ? member(*links, name) : nullptr;
    if (entry == nullptr) return std::nullopt;
    auto href = text_member(*entry, "href");
    if (!href || !(href->starts_with("https://") || href->starts_with("http://"))) return std::nullopt;
    return href;
}

bool is_action_id(std::string_view id) {
    return !id.empty() && id.size() <= kMaxActionIdDigits &&
           std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An action id as hawkBit sends it: a string of digits (older servers) or a number.
std::optional<std::string> action_id_member(const json& object, const char* key) {
    const json* value = member(object, key);
    if (value == nullptr) return std::nullopt;
    std::string id;
    if (value->is_string()) {
        id = value->get<std::string>();
    } else if (value->is_number_unsigned()) {
        id = std::to_string(value->get<std::uint64_t>());
    }
    if (!is_action_id(id)) return std::nullopt;
    return id;
}

std::optional<Handling> handling(const json& deployment, const char* key) {
    auto text = text_member(deployment, key);
    if (!text) return std::nullopt;
    if (*text == "skip") return Handling::Skip;
    if (*text == "attempt") return Handling::Attempt;
    if (*text == "forced") return Handling::Forced;
    return std::nullopt;
}

bool is_sha256_hex(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
           });
}

bool is_plain_file_name(std::string_view name) {
    return !name.empty() && name.size() <= 255 && name != "." && name != ".." &&
           name.find_first_of(std::string_view("/\\\0", 3)) == std::string_view::npos;
}

std::expected<Artifact, std::string> parse_artifact(const json& entry) {
    Artifact artifact;
    auto filename = text_member(entry, "filename");
    if (!filename || !is_plain_file_name(*filename))
        return std::unexpected("artifact without a plain file name");
    artifact.filename = *filename;
    const json* hashes = member(entry, "hashes");
    auto sha256 = hashes != nullptr ? text_member(*hashes, "sha256") : std::nullopt;
    if (!sha256 || !is_sha256_hex(*sha256)) return std::unexpected("artifact without a SHA-256 hash");
    artifact.sha256 = *sha256;
    std::transform(artifact.sha256.begin(), artifact.sha256.end(), artifact.sha256.begin(),
                   [](char c) { return static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c); });
    const json* size = member(entry, "size");
    if (size == nullptr || !size->is_number_unsigned() || size->get<std::uint64_t>() == 0 ||
        size->get<std::uint64_t>() > kMaxBundleBytes) {
        return std::unexpected("artifact without a plausible size");
    }
    artifact.size = size->get<std::uint64_t>();
    auto url = link(entry, "download-http");
    if (!url) url = link(entry, "download");
    if (!url) return std::unexpected("artifact without a download link");
    artifact.url = *url;
    return artifact;
}

}  // namespace

std::expected<std::chrono::seconds, std::string> parse_polling_sleep(std::string_view text) {
    // HH:MM:SS, each part two digits (hours may be more).
    const auto first = text.find(':');
    const auto second = text.rfind(':');
    if (first == std::string_view::npos || second == first || text.size() > 12) {
        return std::unexpected("polling sleep is not HH:MM:SS");
    }
    auto number = [](std::string_view part, long limit) -> std::optional<long> {
        long value = 0;
        if (part.empty()) return std::nullopt;
        auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (error != std::errc() || end != part.data() + part.size() || value < 0 || value > limit) {
            return std::nullopt;
        }
        return value;
    };
    auto hours = number(text.substr(0, first), 9999);
    auto minutes = number(text.substr(first + 1, second - first - 1), 59);
    auto seconds = number(text.substr(second + 1), 59);
    if (!hours || !minutes || !seconds) return std::unexpected("polling sleep is not HH:MM:SS");
    return std::chrono::seconds(*hours * 3600 + *minutes * 60 + *seconds);
}

std::expected<std::string, std::string> action_id_from_link(std::string_view url) {
    const auto query = url.find('?');
    std::string_view path = url.substr(0, query);
    const auto slash = path.rfind('/');
    if (slash == std::string_view::npos) return std::unexpected("link without an action id");
    std::string_view id = path.substr(slash + 1);
    if (!is_action_id(id)) return std::unexpected("link without an action id");
    return std::string(id);
}

std::expected<PollAnswer, std::string> parse_poll_answer(std::string_view body) {
    auto doc = parse_object(body);
    if (!doc) return std::unexpected(doc.error());
    PollAnswer answer;
    const json* config = member(*doc, "config");
    const json* polling = config != nullptr ? member(*config, "polling") : nullptr;
    if (polling != nullptr) {
        auto sleep_text = text_member(*polling, "sleep");
        if (!sleep_text) return std::unexpected("config.polling.sleep is missing");
        auto sleep = parse_polling_sleep(*sleep_text);
        if (!sleep) return std::unexpected(sleep.error());
        answer.sleep = *sleep;
    }
    answer.deployment_url = link(*doc, "deploymentBase");
    answer.cancel_url = link(*doc, "cancelAction");
    answer.config_data_url = link(*doc, "configData");
    return answer;
}

std::expected<Deployment, std::string> parse_deployment(std::string_view body) {
    auto doc = parse_object(body);
    if (!doc) return std::unexpected(doc.error());
    Deployment deployment;
    auto id = action_id_member(*doc, "id");
    if (!id) return std::unexpected("deployment without an action id");
    deployment.action_id = *id;
    const json* detail = member(*doc, "deployment");
    if (detail == nullptr || !detail->is_object()) return std::unexpected("deployment without its details");
    auto download = handling(*detail, "download");
    auto update = handling(*detail, "update");
    if (!download || !update) return std::unexpected("deployment without download/update handling");
    deployment.download = *download;
    deployment.update = *update;
    if (auto window = text_member(*detail, "maintenanceWindow")) {
        if (*window != "available" && *window != "unavailable") {
            return std::unexpected("unknown maintenance window state");
        }
        deployment.in_maintenance_window = *window == "available";
    }
    const json* chunks = member(*detail, "chunks");
    if (chunks == nullptr || !chunks->is_array() || chunks->empty()) {
        return std::unexpected("deployment without chunks");
    }
    // The kiosk takes exactly one RAUC bundle or exactly one configuration document per action, never both
    // (they are applied at different moments and could fail apart): anything else is a rollout meant for
    // other devices.
    std::optional<Artifact> bundle;
    std::optional<Artifact> configuration;
    for (const json& chunk : *chunks) {
        const json* artifacts = member(chunk, "artifacts");
        if (artifacts == nullptr || !artifacts->is_array()) return std::unexpected("chunk without artifacts");
        const bool configuration_chunk = text_member(chunk, "part").value_or("") == kConfigurationPart;
        for (const json& entry : *artifacts) {
            auto artifact = parse_artifact(entry);
            if (!artifact) return std::unexpected(artifact.error());
            if (configuration_chunk) {
                if (!artifact->filename.ends_with(kConfigurationSuffix)) continue;
                if (configuration) return std::unexpected("deployment offers more than one configuration");
                configuration = std::move(*artifact);
            } else {
                if (!artifact->filename.ends_with(".raucb")) continue;
                if (bundle) return std::unexpected("deployment offers more than one bundle");
                bundle = std::move(*artifact);
            }
            deployment.version = text_member(chunk, "version").value_or("");
        }
    }
    if (bundle && configuration) {
        return std::unexpected("deployment offers a bundle and a configuration: roll them out apart");
    }
    if (configuration) {
        deployment.payload = Payload::Configuration;
        deployment.artifact = std::move(*configuration);
        return deployment;
    }
    if (!bundle) return std::unexpected("deployment offers no .raucb bundle and no configuration");
    deployment.artifact = std::move(*bundle);
    return deployment;
}

std::expected<CancelRequest, std::string> parse_cancel_request(std::string_view body) {
    auto doc = parse_object(body);
    if (!doc) return std::unexpected(doc.error());
    CancelRequest request;
    auto id = action_id_member(*doc, "id");
    const json* cancel = member(*doc, "cancelAction");
    auto stop = cancel != nullptr ? action_id_member(*cancel, "stopId") : std::nullopt;
    if (!id || !stop) return std::unexpected("cancel request without action ids");
    request.action_id = *id;
    request.stop_id = *stop;
    return request;
}

std::string_view to_string(Execution execution) {
    switch (execution) {
        case Execution::Proceeding:
            return "proceeding";
        case Execution::Downloaded:
            return "downloaded";
        case Execution::Scheduled:
            return "scheduled";
        case Execution::Closed:
            return "closed";
        case Execution::Canceled:
            return "canceled";
        case Execution::Rejected:
            return "rejected";
    }
    return "proceeding";
}

std::string_view to_string(Finished finished) {
    switch (finished) {
        case Finished::None:
            return "none";
        case Finished::Success:
            return "success";
        case Finished::Failure:
            return "failure";
    }
    return "none";
}

std::string feedback_json(const Feedback& feedback) {
    json result = {{"finished", to_string(feedback.finished)}};
    if (feedback.progress)
        result["progress"] = {{"cnt", feedback.progress->first}, {"of", feedback.progress->second}};
    json status = {{"execution", to_string(feedback.execution)}, {"result", result}};
    if (!feedback.details.empty()) status["details"] = feedback.details;
    return json{{"status", status}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string config_data_json(const std::vector<std::pair<std::string, std::string>>& attributes) {
    json data = json::object();
    for (const auto& [key, value] : attributes) data[key] = value;
    return json{{"mode", "merge"}, {"data", data}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string_view to_string(Payload payload) {
    return payload == Payload::Configuration ? "configuration" : "bundle";
}

}  // namespace hk::update
