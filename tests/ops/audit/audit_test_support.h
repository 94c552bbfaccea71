// Shared by the audit tests: a private temporary folder, whole-file reads and writes, and a log with a few
// records in it.
#pragma once

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "audit_log.h"

namespace hk::ops::test {

class TempFolder {
  public:
    TempFolder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "hk-audit-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    ~TempFolder() {
        std::error_code error;
        std::filesystem::remove_all(path_, error);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

inline std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

inline std::vector<std::string> read_lines(const std::filesystem::path& file) {
    std::vector<std::string> lines;
    std::istringstream in(read_text(file));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

inline void write_lines(const std::filesystem::path& file, const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + '\n';
    write_text(file, text);
}

// 2026-11-23T07:00:00Z plus `second` seconds.
inline std::chrono::system_clock::time_point at_second(int second) {
    using namespace std::chrono;
    return sys_days{year{2026} / November / 23} + hours(7) + seconds(second);
}

inline AuditEntry technician_entry(int n) {
    return AuditEntry{AuditRole::Technician, "test_print", n % 2 == 0 ? "ok" : "failed", "",
                      "attempt " + std::to_string(n)};
}

// A closed log with `count` records.
inline void write_log(const std::filesystem::path& file, int count) {
    auto log = AuditLog::open(file);
    if (!log) throw std::runtime_error(log.error());
    for (int i = 1; i <= count; ++i) {
        const auto appended = log->append(technician_entry(i), at_second(i));
        if (!appended) throw std::runtime_error(appended.error());
    }
}

}  // namespace hk::ops::test
