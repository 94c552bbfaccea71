// The hawkBit Direct Device Integration (DDI) API's messages, read strictly and written minimally. The server
// is trusted no more than any other peer: an answer of the wrong shape, an action id that is not a number, a
// file name with a slash, a hash that is not 64 hex digits or a size beyond what a bundle can be is refused
// with a reason, never half-used.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hk::update {

// GET {base}/{tenant}/controller/v1/{controllerId}: how long to sleep, and what the server wants done.
struct PollAnswer {
    std::chrono::seconds sleep{300};
    std::optional<std::string> deployment_url;   // _links.deploymentBase
    std::optional<std::string> cancel_url;       // _links.cancelAction
    std::optional<std::string> config_data_url;  // _links.configData: the server asks for our attributes
};

// How the server wants a step handled: skip it, attempt it (we may wait), or forced (do it as soon as
// allowed). A kiosk never interrupts a citizen, so "forced" still waits for a quiet moment.
enum class Handling : std::uint8_t { Skip, Attempt, Forced };

struct Artifact {
    std::string filename;
    std::string sha256;  // lower-case hex
    std::uint64_t size = 0;
    std::string url;  // _links.download-http (or download)
};

// What an action delivers: a RAUC bundle (a new root filesystem, installed into the other slot) or a signed
// configuration document (catalogue, texts, opening hours, session settings; applied between sessions). The
// configuration comes as a software module of its own type: a chunk whose part is kConfigurationPart.
enum class Payload : std::uint8_t { Bundle, Configuration };
inline constexpr std::string_view kConfigurationPart = "hukiosk-config";
inline constexpr std::string_view kConfigurationSuffix = ".p7m";  // CMS SignedData, the JSON inside

// GET deploymentBase/{actionId}: one action with the one artifact to fetch.
struct Deployment {
    std::string action_id;
    Handling download = Handling::Forced;
    Handling update = Handling::Forced;
    bool in_maintenance_window = true;  // "maintenanceWindow": "available", or no window at all
    std::string version;                // the chunk's version
    Payload payload = Payload::Bundle;
    Artifact artifact;  // the action's one .raucb bundle, or its one .p7m configuration document
};

// GET cancelAction/{actionId}: the server wants the action with stop_id stopped.
struct CancelRequest {
    std::string action_id;
    std::string stop_id;
};

std::expected<PollAnswer, std::string> parse_poll_answer(std::string_view body);
std::expected<Deployment, std::string> parse_deployment(std::string_view body);
std::expected<CancelRequest, std::string> parse_cancel_request(std::string_view body);

// "HH:MM:SS" as hawkBit writes config.polling.sleep.
std::expected<std::chrono::seconds, std::string> parse_polling_sleep(std::string_view text);

// The action id at the end of a deploymentBase or cancelAction link ("…/deploymentBase/17?c=-2129" -> "17").
std::expected<std::string, std::string> action_id_from_link(std::string_view url);

// The feedback the device sends on an action (DDI "status").
enum class Execution : std::uint8_t { Proceeding, Downloaded, Scheduled, Closed, Canceled, Rejected };
enum class Finished : std::uint8_t { None, Success, Failure };

struct Feedback {
    Execution execution = Execution::Proceeding;
    Finished finished = Finished::None;
    std::optional<std::pair<int, int>> progress = std::nullopt;  // {cnt, of}
    std::vector<std::string> details = {};
};

std::string feedback_json(const Feedback& feedback);
// PUT configData: {"mode":"merge","data":{...}} with string values only.
std::string config_data_json(const std::vector<std::pair<std::string, std::string>>& attributes);

std::string_view to_string(Execution execution);
std::string_view to_string(Finished finished);
std::string_view to_string(Payload payload);

}  // namespace hk::update
