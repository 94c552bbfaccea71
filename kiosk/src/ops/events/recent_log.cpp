#include "ops/events/recent_log.h"

#include <ctime>

#include <fmt/format.h>

namespace hk::ops {

void RecentLog::add(LogRecord record) {
    std::lock_guard lock(mutex_);
    records_.push_back(std::move(record));
    while (records_.size() > capacity_) records_.pop_front();
}

std::vector<LogRecord> RecentLog::records(std::optional<std::chrono::system_clock::time_point> since) const {
    std::lock_guard lock(mutex_);
    std::vector<LogRecord> out;
    out.reserve(records_.size());
    for (const LogRecord& record : records_) {
        if (!since || record.time >= *since) out.push_back(record);
    }
    return out;
}

void RecentLog::clear() {
    std::lock_guard lock(mutex_);
    records_.clear();
}

RecentLog& process_recent_log() {
    static RecentLog log;
    return log;
}

std::vector<LogRecord> recent_log_records(std::optional<std::chrono::system_clock::time_point> since) {
    return process_recent_log().records(since);
}

std::string format_log_time(std::chrono::system_clock::time_point time) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(time - seconds).count();
    const std::time_t t = std::chrono::system_clock::to_time_t(seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                       utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

std::string render_log_text(std::span<const LogRecord> records) {
    std::string out;
    for (const LogRecord& record : records) {
        if (!out.empty()) out += '\n';
        out += fmt::format("{} {} E{} {} {}: {}", format_log_time(record.time), to_string(record.level),
                           static_cast<unsigned>(record.id), record.name, to_string(record.disposition),
                           record.message);
    }
    return out;
}

namespace {

// A message from a device or a library may hold bytes that are not UTF-8, which nlohmann refuses to dump.
std::string valid_utf8(const std::string& text) {
    const std::string quoted =
        nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return nlohmann::json::parse(quoted).get<std::string>();
}

}  // namespace

nlohmann::json log_record_json(const LogRecord& record) {
    return {{"time", format_log_time(record.time)},
            {"id", static_cast<unsigned>(record.id)},
            {"name", record.name},
            {"kind", to_string(event_info(record.id).kind)},
            {"level", to_string(record.level)},
            {"disposition", to_string(record.disposition)},
            {"message", valid_utf8(record.message)}};
}

nlohmann::json render_log_json(std::span<const LogRecord> records) {
    nlohmann::json out = nlohmann::json::array();
    for (const LogRecord& record : records) out.push_back(log_record_json(record));
    return out;
}

}  // namespace hk::ops
