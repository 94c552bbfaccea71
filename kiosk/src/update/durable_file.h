// Writing state that must survive a power cut: a file's bytes, or a folder's entries (a rename), pushed to
// the disk before the caller goes on. Used by the agent's record and by the kept site configuration.
#pragma once

#include <filesystem>

namespace hk::update {

// fsync of a regular file (its contents) or, with `folder`, of a directory (the names in it). False when it
// cannot be opened or synced.
bool sync_to_disk(const std::filesystem::path& path, bool folder = false);

}  // namespace hk::update
