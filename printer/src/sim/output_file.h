// Where the simulated printers put what they print: a file in the output folder, named safely.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace hk::printer::sim {

// A file name made from a job name: ASCII letters, digits, '-', '_' and '.' are kept, every other byte
// becomes
// '_', and the name cannot be empty, start with a dot (hidden, "..") or run past a file system's name limit.
std::string safe_file_stem(std::string_view job_name);

// Writes `bytes` to `directory`/`file_name`, creating the directory. Returns false on any error; the caller
// turns that into a device fault.
bool write_output_file(const std::filesystem::path& directory, const std::string& file_name,
                       std::span<const std::uint8_t> bytes);

// The file name a new job gets: STEM.EXT, or STEM-2.EXT, STEM-3.EXT ... when earlier jobs are there (a reprint
// shows up as a second file instead of overwriting the first).
std::string first_free_name(const std::filesystem::path& directory, const std::string& stem,
                            const std::string& extension);

}  // namespace hk::printer::sim
