#include "support_bundle.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <set>

namespace hk::ops {
namespace {

constexpr mode_t kBundleMode = 0640;
constexpr mode_t kFolderMode = 0750;

std::string errno_text(int error) {
    return std::strerror(error);
}

bool is_plain_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

// An entry must stay inside the bundle's top folder whoever extracts it, with whatever tar.
std::expected<void, std::string> check_entry_name(const std::string& name) {
    if (name.empty()) return std::unexpected("support bundle entry with an empty name");
    if (name.find('\0') != std::string::npos) return std::unexpected("support bundle entry name holds a NUL");
    if (name.front() == '/') return std::unexpected("support bundle entry name is absolute: " + name);
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t slash = std::min(name.find('/', start), name.size());
        const std::string_view part(name.data() + start, slash - start);
        if (part.empty() || part == "." || part == "..") {
            return std::unexpected("support bundle entry name must be a plain relative path: " + name);
        }
        start = slash + 1;
    }
    return {};
}

std::string utc_stamp(std::chrono::system_clock::time_point now) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32] = {};
    const std::size_t length = std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return std::string(text, length);
}

struct ArchiveFree {
    void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryFree {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;
using EntryPtr = std::unique_ptr<archive_entry, EntryFree>;

std::string archive_failure(archive* a, const std::filesystem::path& dir) {
    const int error = archive_errno(a);
    const char* what = archive_error_string(a);
    std::string message = "support bundle could not be written in " + dir.string() + ": ";
    if (error == ENOSPC) return message + "disk full";
    message += what != nullptr ? what : "archive error";
    if (error > 0) message += " (" + errno_text(error) + ")";
    return message;
}

std::expected<void, std::string> write_archive(int fd, const std::filesystem::path& dir,
                                               const std::string& stem,
                                               const std::vector<BundleEntry>& entries, std::time_t mtime) {
    ArchivePtr writer(archive_write_new());
    if (!writer) return std::unexpected("support bundle: out of memory");
    archive* a = writer.get();
    if (archive_write_add_filter_gzip(a) != ARCHIVE_OK ||
        archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
        archive_write_open_fd(a, fd) != ARCHIVE_OK) {
        return std::unexpected(archive_failure(a, dir));
    }

    EntryPtr folder(archive_entry_new());
    archive_entry_set_pathname(folder.get(), (stem + "/").c_str());
    archive_entry_set_filetype(folder.get(), AE_IFDIR);
    archive_entry_set_perm(folder.get(), kFolderMode);
    archive_entry_set_mtime(folder.get(), mtime, 0);
    if (archive_write_header(a, folder.get()) != ARCHIVE_OK) return std::unexpected(archive_failure(a, dir));

    for (const auto& item : entries) {
        EntryPtr entry(archive_entry_new());
        archive_entry_set_pathname(entry.get(), (stem + "/" + item.name).c_str());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), kBundleMode);
        archive_entry_set_size(entry.get(), static_cast<la_int64_t>(item.content.size()));
        archive_entry_set_mtime(entry.get(), mtime, 0);
        if (archive_write_header(a, entry.get()) != ARCHIVE_OK)
            return std::unexpected(archive_failure(a, dir));
        if (!item.content.empty()) {
            const la_ssize_t written = archive_write_data(a, item.content.data(), item.content.size());
            if (written < 0 || static_cast<std::size_t>(written) != item.content.size()) {
                return std::unexpected(archive_failure(a, dir));
            }
        }
    }
    // Flushes the last gzip and tar blocks: a full disk often shows only here.
    if (archive_write_close(a) != ARCHIVE_OK) return std::unexpected(archive_failure(a, dir));
    return {};
}

// The temp file while it is being written; removed on every failure path.
class TempFile {
  public:
    explicit TempFile(std::string path_template) : path_(std::move(path_template)) {}
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!kept_ && created_) ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    std::expected<void, std::string> create(std::size_t suffix_length, const std::filesystem::path& dir) {
        fd_ = ::mkstemps(path_.data(), static_cast<int>(suffix_length));
        if (fd_ < 0) return std::unexpected("cannot write in " + dir.string() + ": " + errno_text(errno));
        created_ = true;
        return {};
    }
    // Permissions, data on disk, closed: only then may it take the final name.
    std::expected<void, std::string> finish(const std::filesystem::path& dir) {
        if (::fchmod(fd_, kBundleMode) != 0 || ::fsync(fd_) != 0) {
            const int error = errno;
            return std::unexpected("support bundle could not be saved in " + dir.string() + ": " +
                                   (error == ENOSPC ? std::string("disk full") : errno_text(error)));
        }
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) {
            return std::unexpected("support bundle could not be saved in " + dir.string() + ": " +
                                   errno_text(errno));
        }
        return {};
    }
    void keep() { kept_ = true; }
    [[nodiscard]] int fd() const { return fd_; }
    [[nodiscard]] const std::string& path() const { return path_; }

  private:
    std::string path_;
    int fd_ = -1;
    bool created_ = false;
    bool kept_ = false;
};

// The rename itself must reach the disk, or a power cut could lose the finished bundle.
void sync_folder(const std::filesystem::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

std::expected<std::filesystem::path, std::string> write_support_bundle(
    const std::filesystem::path& dir, std::string_view kiosk_id, const std::vector<BundleEntry>& entries,
    std::chrono::system_clock::time_point now) {
    if (!is_plain_id(kiosk_id)) {
        return std::unexpected("support bundle: kiosk id may hold only letters, digits, '.', '_' and '-'");
    }
    std::set<std::string_view> names;
    for (const auto& entry : entries) {
        if (auto ok = check_entry_name(entry.name); !ok) return std::unexpected(ok.error());
        if (!names.insert(entry.name).second) {
            return std::unexpected("support bundle entry named twice: " + entry.name);
        }
    }
    std::error_code error;
    const auto status = std::filesystem::status(dir, error);
    if (!std::filesystem::exists(status)) {
        return std::unexpected("support bundle folder " + dir.string() + " does not exist");
    }
    if (!std::filesystem::is_directory(status)) {
        return std::unexpected("support bundle folder " + dir.string() + " is not a folder");
    }

    const std::string stem = "hukiosk-support-" + std::string(kiosk_id) + "-" + utc_stamp(now);
    const std::filesystem::path final_path = dir / (stem + ".tar.gz");
    const std::string suffix = ".tmp";
    TempFile temp((dir / ("." + stem + ".XXXXXX" + suffix)).string());
    if (auto ok = temp.create(suffix.size(), dir); !ok) return std::unexpected(ok.error());
    const std::time_t mtime = std::chrono::system_clock::to_time_t(now);
    if (auto ok = write_archive(temp.fd(), dir, stem, entries, mtime); !ok)
        return std::unexpected(ok.error());
    if (auto ok = temp.finish(dir); !ok) return std::unexpected(ok.error());
    if (::rename(temp.path().c_str(), final_path.c_str()) != 0) {
        return std::unexpected("support bundle could not be named " + final_path.string() + ": " +
                               errno_text(errno));
    }
    temp.keep();
    sync_folder(dir);
    return final_path;
}

}  // namespace hk::ops
