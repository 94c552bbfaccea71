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

bool write_output_file(const std::filesystem::path& directory, const std::string& file_name,
                       std::span<const std::uint8_t> bytes) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) return false;
    std::ofstream out(directory / file_name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.close();
    return static_cast<bool>(out);
}

}  // namespace hk::printer::sim
