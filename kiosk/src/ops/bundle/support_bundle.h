// The support bundle a technician takes away on a USB stick: a gzip'd tar of text files (logs, device states,
// counters, configuration) written atomically, so a pulled stick or a full disk never leaves half a bundle.
// What goes in is the caller's choice; personal_data_redaction.h is the last check before it does.
#pragma once

#include <chrono>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace hk::ops {

struct BundleEntry {
    std::string name;  // a relative path like "logs/recent.txt"
    std::string content;
};

// Writes <dir>/hukiosk-support-<kiosk_id>-<YYYYmmddTHHMMSSZ>.tar.gz (gzip'd pax), atomically: a temp file in
// dir, fsync, rename; mode 0640; every entry under a top folder of the same stem. Refuses entry names that
// are empty, absolute, or have a "." or ".." component (or an empty one), and duplicates, before touching the
// disk. Returns the path written, or a clear message (dir missing, not writable, disk full); on error no file
// is left behind.
std::expected<std::filesystem::path, std::string> write_support_bundle(
    const std::filesystem::path& dir, std::string_view kiosk_id, const std::vector<BundleEntry>& entries,
    std::chrono::system_clock::time_point now);

}  // namespace hk::ops
