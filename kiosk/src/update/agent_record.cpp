#include "update/agent_record.h"

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "update/durable_file.h"

namespace hk::update {
namespace {

using nlohmann::json;

constexpr std::array kPhaseNames{"idle", "downloading", "waiting", "installing", "rebooting", "reporting"};
constexpr std::array kExecutionNames{Execution::Proceeding, Execution::Downloaded, Execution::Scheduled,
                                     Execution::Closed,     Execution::Canceled,   Execution::Rejected};
constexpr std::array kFinishedNames{Finished::None, Finished::Success, Finished::Failure};

template <typename Enum, std::size_t N>
std::optional<Enum> enum_from(const std::array<Enum, N>& values, const std::string& text) {
    for (Enum value : values) {
        if (to_string(value) == text) return value;
    }
    return std::nullopt;
}

std::optional<AgentPhase> phase_from(const std::string& text) {
    for (std::size_t i = 0; i < kPhaseNames.size(); ++i) {
        if (text == kPhaseNames[i]) return static_cast<AgentPhase>(i);
    }
    return std::nullopt;
}

// Records written before configuration pushes name no payload: theirs is a bundle.
Payload payload_from(const std::string& name) {
    return name == to_string(Payload::Configuration) ? Payload::Configuration : Payload::Bundle;
}

json to_json(const AgentRecord& record) {
    json history = json::array();
    for (const auto& entry : record.history) {
        history.push_back({{"action_id", entry.action_id},
                           {"version", entry.version},
                           {"outcome", entry.outcome},
                           {"detail", entry.detail},
                           {"at", entry.at},
                           {"payload", to_string(entry.payload)}});
    }
    return {{"phase", to_string(record.phase)},
            {"action_id", record.action_id},
            {"version", record.version},
            {"payload", to_string(record.payload)},
            // "bundle" names the artifact of either payload: the key is older than configuration pushes, and
            // a new version must read the record the old one wrote before its reboot.
            {"bundle",
             {{"filename", record.artifact.filename},
              {"sha256", record.artifact.sha256},
              {"size", record.artifact.size},
              {"url", record.artifact.url}}},
            {"feedback_url", record.feedback_url},
            {"answering_cancel", record.answering_cancel},
            {"slot_before_install", record.slot_before_install},
            {"boot_before_install", record.boot_before_install},
            {"install_attempts", record.install_attempts},
            {"execution", to_string(record.execution)},
            {"finished", to_string(record.finished)},
            {"detail", record.detail},
            {"highest_installed_version", record.highest_installed_version},
            {"history", history}};
}

AgentRecord from_json(const json& doc) {
    AgentRecord record;
    record.phase = phase_from(doc.at("phase").get<std::string>()).value();
    record.action_id = doc.at("action_id").get<std::string>();
    record.version = doc.at("version").get<std::string>();
    record.payload = payload_from(doc.value("payload", "bundle"));
    const json& bundle = doc.at("bundle");
    record.artifact.filename = bundle.at("filename").get<std::string>();
    record.artifact.sha256 = bundle.at("sha256").get<std::string>();
    record.artifact.size = bundle.at("size").get<std::uint64_t>();
    record.artifact.url = bundle.at("url").get<std::string>();
    record.feedback_url = doc.at("feedback_url").get<std::string>();
    record.answering_cancel = doc.at("answering_cancel").get<bool>();
    record.slot_before_install = doc.at("slot_before_install").get<std::string>();
    record.boot_before_install = doc.at("boot_before_install").get<std::string>();
    record.install_attempts = doc.at("install_attempts").get<int>();
    record.execution = enum_from(kExecutionNames, doc.at("execution").get<std::string>()).value();
    record.finished = enum_from(kFinishedNames, doc.at("finished").get<std::string>()).value();
    record.detail = doc.at("detail").get<std::string>();
    record.highest_installed_version = doc.at("highest_installed_version").get<std::string>();
    for (const json& entry : doc.at("history")) {
        record.history.push_back(
            {entry.at("action_id").get<std::string>(), entry.at("version").get<std::string>(),
             entry.at("outcome").get<std::string>(), entry.at("detail").get<std::string>(),
             entry.at("at").get<std::string>(), payload_from(entry.value("payload", "bundle"))});
    }
    while (record.history.size() > kHistoryLength) record.history.pop_front();
    return record;
}

}  // namespace

std::string_view to_string(AgentPhase phase) {
    return kPhaseNames.at(static_cast<std::size_t>(phase));
}

std::expected<AgentRecord, std::string> AgentRecordStore::load() const {
    std::ifstream in(file_);
    if (!in) return AgentRecord{};
    std::stringstream text;
    text << in.rdbuf();
    try {
        return from_json(json::parse(text.str()));
    } catch (const std::exception& error) {
        std::error_code ignored;
        std::filesystem::rename(file_, std::filesystem::path(file_).concat(".corrupt"), ignored);
        return std::unexpected(std::string("update record unreadable, starting afresh: ") + error.what());
    }
}

std::expected<void, std::string> AgentRecordStore::save(const AgentRecord& record) const {
    const std::filesystem::path temporary = std::filesystem::path(file_).concat(".tmp");
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << to_json(record).dump(1);
        out.flush();
        if (!out) return std::unexpected("cannot write " + temporary.string());
    }
    if (!sync_to_disk(temporary)) return std::unexpected("cannot sync " + temporary.string());
    std::error_code error;
    std::filesystem::rename(temporary, file_, error);
    if (error) return std::unexpected("cannot replace " + file_.string() + ": " + error.message());
    sync_to_disk(file_.parent_path().empty() ? "." : file_.parent_path(), /*folder=*/true);
    return {};
}

}  // namespace hk::update
