#include "update/durable_file.h"

#include <fcntl.h>
#include <unistd.h>

namespace hk::update {

bool sync_to_disk(const std::filesystem::path& path, bool folder) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
    if (fd < 0) return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

}  // namespace hk::update
