#include "audit_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

namespace hk::ops {

AuditLines split_audit_lines(std::string_view text) {
    AuditLines result;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t newline = text.find('\n', start);
        if (newline == std::string_view::npos) {
            result.torn_tail = text.substr(start);
            break;
        }
        result.lines.push_back(text.substr(start, newline - start));
        start = newline + 1;
        result.complete_bytes = start;
    }
    return result;
}

std::expected<std::string, std::string> read_whole_file(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::unexpected("cannot read " + file.string() + ": " + std::strerror(errno));
    std::string text;
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            const std::string reason = std::strerror(errno);
            ::close(fd);
            return std::unexpected("cannot read " + file.string() + ": " + reason);
        }
        if (got == 0) break;
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return text;
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t wrote = ::write(fd, bytes.data(), bytes.size());
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(wrote));
    }
    return true;
}

std::filesystem::path audit_head_path(const std::filesystem::path& log) {
    auto head = log;
    head += ".head";
    return head;
}

std::expected<std::optional<AuditHead>, std::string> read_audit_head(const std::filesystem::path& log) {
    const auto path = audit_head_path(log);
    std::error_code error;
    if (!std::filesystem::exists(path, error)) return std::optional<AuditHead>{};
    const auto text = read_whole_file(path);
    if (!text) return std::unexpected(text.error());
    const auto json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("records") ||
        !json.contains("last_hash") || !json["records"].is_number_integer() || !json["last_hash"].is_string())
        return std::unexpected("the head file " + path.string() + " is not readable");
    return AuditHead{json["records"].get<std::int64_t>(), json["last_hash"].get<std::string>()};
}

std::expected<void, std::string> write_audit_head(const std::filesystem::path& log, const AuditHead& head) {
    const auto path = audit_head_path(log);
    auto temporary = path;
    temporary += ".tmp";
    const std::string text =
        nlohmann::ordered_json{{"records", head.records}, {"last_hash", head.last_hash}}.dump() + '\n';

    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) return std::unexpected("cannot write " + temporary.string() + ": " + std::strerror(errno));
    const bool written = ::fchmod(fd, 0640) == 0 && write_all(fd, text) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written || ::rename(temporary.c_str(), path.c_str()) != 0)
        return std::unexpected("cannot write the audit head " + path.string());

    // The rename is only durable once the directory is synced.
    const auto directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const int directory_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory_fd >= 0) {
        ::fsync(directory_fd);
        ::close(directory_fd);
    }
    return {};
}

}  // namespace hk::ops
