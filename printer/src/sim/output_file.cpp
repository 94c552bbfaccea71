#include "output_file.h"

#include <fstream>
#include <system_error>

namespace hk::printer::sim {

namespace {
constexpr std::size_t kMaxStemLength = 120;  // leaves room for the extension under the usual 255-byte limit

bool kept(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}
}  // namespace

std::string safe_file_stem(std::string_view job_name) {
    std::string stem;
    for (char c : job_name.substr(0, kMaxStemLength)) stem.push_back(kept(c) ? c : '_');
    if (stem.empty()) return "job";
    if (stem.front() == '.') stem.front() = '_';
    return stem;
}

// Written to a temporary name and renamed: like a real printer's job history, a job is either completely there or
// not at all, even when the kiosk is killed in the middle (the crash tests rely on it).
bool write_output_file(const std::filesystem::path& directory, const std::string& file_name,
                       std::span<const std::uint8_t> bytes) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) return false;
    const std::filesystem::path final_path = directory / file_name;
    const std::filesystem::path partial = directory / ("." + file_name + ".partial");
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) return false;
    }
    std::filesystem::rename(partial, final_path, error);
    return !error;
}

std::string first_free_name(const std::filesystem::path& directory, const std::string& stem,
                            const std::string& extension) {
    std::string name = stem + extension;
    for (int copy = 2; std::filesystem::exists(directory / name); ++copy) {
        name = stem + "-" + std::to_string(copy) + extension;
    }
    return name;
}

}  // namespace hk::printer::sim
