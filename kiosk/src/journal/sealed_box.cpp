#include "sealed_box.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

#include "drivers/personal_string.h"

namespace hk::kiosk {
namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext new_context() {
    return CipherContext(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
}

const unsigned char* bytes(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

std::expected<std::vector<std::uint8_t>, std::string> read_key(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::unexpected("cannot read journal key " + file.string());
    struct stat info {};
    if (::fstat(fd, &info) != 0 || (info.st_mode & 077) != 0) {
        ::close(fd);
        return std::unexpected("journal key " + file.string() + " must be mode 0600");
    }
    std::vector<std::uint8_t> key(kKeyBytes);
    const ssize_t got = ::read(fd, key.data(), key.size());
    ::close(fd);
    if (got != static_cast<ssize_t>(kKeyBytes)) return std::unexpected("journal key has the wrong size");
    return key;
}

std::expected<std::vector<std::uint8_t>, std::string> create_key(const std::filesystem::path& file) {
    std::vector<std::uint8_t> key(kKeyBytes);
    if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
        return std::unexpected("no randomness for a key");
    std::error_code error;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), error);
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return std::unexpected("cannot create journal key " + file.string());
    const bool written =
        ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) return std::unexpected("cannot write journal key " + file.string());
    return key;
}

}  // namespace

std::expected<SealedBox, std::string> SealedBox::open(const std::filesystem::path& key_file) {
    auto key = std::filesystem::exists(key_file) ? read_key(key_file) : create_key(key_file);
    if (!key) return std::unexpected(key.error());
    SealedBox box;
    box.key_ = std::move(*key);
    return box;
}

SealedBox::SealedBox(SealedBox&& other) noexcept : key_(std::move(other.key_)) {}

SealedBox& SealedBox::operator=(SealedBox&& other) noexcept {
    drivers::wipe_bytes(key_.data(), key_.size());
    key_ = std::move(other.key_);
    return *this;
}

SealedBox::~SealedBox() {
    drivers::wipe_bytes(key_.data(), key_.size());
}

std::vector<std::uint8_t> SealedBox::seal(std::string_view plain, std::string_view context) const {
    std::vector<std::uint8_t> out(kNonceBytes + plain.size() + kTagBytes);
    RAND_bytes(out.data(), static_cast<int>(kNonceBytes));
    auto ctx = new_context();
    int length = 0;
    EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), out.data());
    EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(context), static_cast<int>(context.size()));
    EVP_EncryptUpdate(ctx.get(), out.data() + kNonceBytes, &length, bytes(plain),
                      static_cast<int>(plain.size()));
    unsigned char final_block[16];  // GCM writes nothing here; OpenSSL still wants a buffer
    EVP_EncryptFinal_ex(ctx.get(), final_block, &length);
    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                        out.data() + kNonceBytes + plain.size());
    return out;
}

std::expected<std::string, std::string> SealedBox::open_sealed(const std::vector<std::uint8_t>& sealed,
                                                               std::string_view context) const {
    if (sealed.size() < kNonceBytes + kTagBytes) return std::unexpected("sealed value too short");
    const std::size_t cipher_size = sealed.size() - kNonceBytes - kTagBytes;
    std::string plain(cipher_size, '\0');
    std::vector<std::uint8_t> tag(sealed.end() - static_cast<std::ptrdiff_t>(kTagBytes), sealed.end());
    auto ctx = new_context();
    int length = 0;
    EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), sealed.data());
    EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(context), static_cast<int>(context.size()));
    EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &length,
                      sealed.data() + kNonceBytes, static_cast<int>(cipher_size));
    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes), tag.data());
    unsigned char final_block[16];  // GCM writes nothing here; OpenSSL still wants a buffer
    if (EVP_DecryptFinal_ex(ctx.get(), final_block, &length) != 1) {
        drivers::wipe_bytes(plain.data(), plain.size());
        return std::unexpected("sealed value does not open (wrong key, tampered, or another row's)");
    }
    return plain;
}

}  // namespace hk::kiosk
