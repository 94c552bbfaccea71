#include "subject_hasher.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/iso7816/bytes.h"

namespace hk::ops {
namespace {

using Key = std::array<unsigned char, 32>;

std::expected<void, std::string> read_key(const std::filesystem::path& file, Key& key) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::unexpected("cannot read the subject key " + file.string());
    struct stat info {};
    if (::fstat(fd, &info) != 0 || (info.st_mode & 077) != 0) {
        ::close(fd);
        return std::unexpected("the subject key " + file.string() + " must be mode 0600");
    }
    // One byte more than a key, to notice a file that is longer than one.
    unsigned char buffer[33];
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    ::close(fd);
    const bool right_size = got == static_cast<ssize_t>(key.size());
    if (right_size) std::copy(buffer, buffer + key.size(), key.begin());
    OPENSSL_cleanse(buffer, sizeof buffer);
    if (!right_size) return std::unexpected("the subject key " + file.string() + " has the wrong size");
    return {};
}

std::expected<void, std::string> create_key(const std::filesystem::path& file, Key& key) {
    if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
        return std::unexpected(std::string("no randomness for the subject key"));
    std::error_code error;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), error);
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return std::unexpected("cannot create the subject key " + file.string());
    const bool written = ::fchmod(fd, 0600) == 0 &&
                         ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) &&
                         ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        std::filesystem::remove(file, error);  // a half-written key would be refused at every start
        return std::unexpected("cannot write the subject key " + file.string());
    }
    return {};
}

}  // namespace

std::expected<SubjectHasher, std::string> SubjectHasher::open(const std::filesystem::path& key_file) {
    SubjectHasher hasher;
    std::error_code error;
    const auto loaded = std::filesystem::exists(key_file, error) ? read_key(key_file, hasher.key_)
                                                                 : create_key(key_file, hasher.key_);
    if (!loaded) return std::unexpected(loaded.error());
    return hasher;
}

SubjectHasher::SubjectHasher(SubjectHasher&& other) noexcept : key_(other.key_) {
    OPENSSL_cleanse(other.key_.data(), other.key_.size());
}

SubjectHasher& SubjectHasher::operator=(SubjectHasher&& other) noexcept {
    if (this != &other) {
        key_ = other.key_;
        OPENSSL_cleanse(other.key_.data(), other.key_.size());
    }
    return *this;
}

SubjectHasher::~SubjectHasher() {
    OPENSSL_cleanse(key_.data(), key_.size());
}

std::string SubjectHasher::hash(std::string_view citizen_id) const {
    std::string normalized(citizen_id);
    for (char& c : normalized)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
         reinterpret_cast<const unsigned char*>(normalized.data()), normalized.size(), digest, &length);
    OPENSSL_cleanse(normalized.data(), normalized.size());
    return drivers::iso7816::to_lower_hex({digest, length});
}

}  // namespace hk::ops
