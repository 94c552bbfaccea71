#include "audit_entry_rules.h"

#include <string_view>

namespace hk::ops {
namespace {

constexpr std::size_t kMaxNameBytes = 64;
constexpr std::size_t kMaxDetailBytes = 256;
// China's resident ID numbers have 18 characters (15 for old cards): a run this long of digits in a detail
// is far more likely an ID number than anything an audit detail needs.
constexpr std::size_t kLongestDigitRun = 14;

bool is_name(std::string_view text) {
    return !text.empty() && text.size() <= kMaxNameBytes &&
           text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.-") == std::string_view::npos;
}

bool is_subject_hash(std::string_view text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

bool has_long_digit_run(std::string_view text) {
    std::size_t run = 0;
    for (const char c : text) {
        run = (c >= '0' && c <= '9') ? run + 1 : 0;
        if (run > kLongestDigitRun) return true;
    }
    return false;
}

}  // namespace

std::optional<std::string> audit_entry_problem(const AuditEntry& entry) {
    if (!is_name(entry.event)) return "audit event must be 1-64 characters of [a-z0-9_.-]";
    if (!is_name(entry.outcome)) return "audit outcome must be 1-64 characters of [a-z0-9_.-]";
    if (!entry.subject.empty() && !is_subject_hash(entry.subject))
        return "audit subject must be empty or a SubjectHasher hash, never an ID itself";
    if (entry.detail.size() > kMaxDetailBytes) return "audit detail is longer than 256 bytes";
    if (has_long_digit_run(entry.detail)) return "audit detail holds what looks like an ID number";
    return std::nullopt;
}

}  // namespace hk::ops
