#include "audit_record.h"

#include <openssl/evp.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "drivers/iso7816/bytes.h"

namespace hk::ops {
namespace {

// Bumped if the encoding ever changes, so old and new records can never be confused.
constexpr std::string_view kEncodingTag = "hukiosk-audit-v1\n";

void add_field(std::string& out, std::string_view value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}

bool is_lower_hex_hash(const std::string& text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

std::string audit_record_hash(const AuditRecord& record) {
    std::string encoded(kEncodingTag);
    add_field(encoded, std::to_string(record.seq));
    add_field(encoded, record.time);
    add_field(encoded, record.role);
    add_field(encoded, record.event);
    add_field(encoded, record.outcome);
    add_field(encoded, record.subject);
    add_field(encoded, record.detail);
    add_field(encoded, record.prev);

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(encoded.data(), encoded.size(), digest, &length, EVP_sha256(), nullptr);
    return drivers::iso7816::to_lower_hex({digest, length});
}

std::expected<std::string, std::string> to_json_line(const AuditRecord& record) {
    // Ordered, so the file reads in the order a person expects.
    nlohmann::ordered_json json;
    json["seq"] = record.seq;
    json["time"] = record.time;
    json["role"] = record.role;
    json["event"] = record.event;
    json["outcome"] = record.outcome;
    json["subject"] = record.subject;
    json["detail"] = record.detail;
    json["prev"] = record.prev;
    json["hash"] = record.hash;
    try {
        return json.dump() + '\n';
    } catch (const nlohmann::json::exception&) {
        return std::unexpected(std::string("audit record text is not valid UTF-8"));
    }
}

std::optional<AuditRecord> parse_audit_record(std::string_view line) {
    const auto json = nlohmann::json::parse(line, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return std::nullopt;
    const auto text = [&json](const char* key) -> std::optional<std::string> {
        const auto found = json.find(key);
        if (found == json.end() || !found->is_string()) return std::nullopt;
        return found->get<std::string>();
    };
    const auto seq = json.find("seq");
    if (seq == json.end() || !seq->is_number_integer()) return std::nullopt;

    AuditRecord record;
    record.seq = seq->get<std::int64_t>();
    const auto time = text("time"), role = text("role"), event = text("event"), outcome = text("outcome"),
               subject = text("subject"), detail = text("detail"), prev = text("prev"), hash = text("hash");
    if (!time || !role || !event || !outcome || !subject || !detail || !prev || !hash) return std::nullopt;
    if (!is_lower_hex_hash(*prev) || !is_lower_hex_hash(*hash)) return std::nullopt;
    record.time = *time;
    record.role = *role;
    record.event = *event;
    record.outcome = *outcome;
    record.subject = *subject;
    record.detail = *detail;
    record.prev = *prev;
    record.hash = *hash;
    return record;
}

std::string utc_iso8601(std::chrono::system_clock::time_point when) {
    const std::time_t seconds =
        std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(when));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return std::string(text, length);
}

}  // namespace hk::ops
