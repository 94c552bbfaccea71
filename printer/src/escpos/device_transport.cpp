// A character device: /dev/usb/lpN from the kernel's usblp driver (or a serial port already set up). usblp
// passes writes to the bulk OUT endpoint and reads from bulk IN, so status works as over TCP.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fd_io.h"
#include "printer/escpos/transport.h"

namespace hk::printer::escpos {

namespace {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;
using Clock = std::chrono::steady_clock;

FaultKind fault_kind_of(int error) {
    switch (error) {
        case ENOENT:  // node gone: the printer was unplugged and udev removed it
        case ENODEV:
        case ENXIO:
            return FaultKind::Unplugged;
        case EBUSY:
            return FaultKind::Busy;
        case ETIMEDOUT:
            return FaultKind::Timeout;
        default:
            return FaultKind::IoError;
    }
}

class DeviceTransport final : public Transport {
  public:
    explicit DeviceTransport(std::filesystem::path path) : path_(std::move(path)) {}
    ~DeviceTransport() override { close(); }
    DeviceTransport(const DeviceTransport&) = delete;
    DeviceTransport& operator=(const DeviceTransport&) = delete;

    std::expected<void, DeviceFault> open(Millis /*timeout: opening a device node does not wait*/) override {
        if (fd_ >= 0) return {};
        const int fd = ::open(path_.c_str(), O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) return std::unexpected(failure(errno, "open"));
        fd_ = fd;
        return {};
    }

    void close() override {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

    std::expected<void, DeviceFault> write(std::span<const std::uint8_t> bytes, Millis timeout) override {
        if (fd_ < 0) return std::unexpected(failure(EBADF, "write"));
        if (auto wrote = fd_io::write_all(fd_, bytes, Clock::now() + timeout, false); !wrote) {
            close();
            return std::unexpected(failure(wrote.error(), "write"));
        }
        return {};
    }

    std::expected<std::size_t, DeviceFault> read(std::span<std::uint8_t> into, Millis timeout) override {
        if (fd_ < 0) return std::unexpected(failure(EBADF, "read"));
        auto got = fd_io::read_some(fd_, into, Clock::now() + timeout, false);
        if (!got) {
            close();
            return std::unexpected(failure(got.error(), "read"));
        }
        return *got;
    }

    [[nodiscard]] std::string where() const override { return path_.string(); }

  private:
    DeviceFault failure(int error, const char* what) const {
        return {DeviceKind::ReceiptPrinter, fault_kind_of(error),
                where() + ": " + what + ": " + std::strerror(error)};
    }

    std::filesystem::path path_;
    int fd_ = -1;
};

}  // namespace

std::unique_ptr<Transport> make_device_transport(std::filesystem::path path) {
    return std::make_unique<DeviceTransport>(std::move(path));
}

}  // namespace hk::printer::escpos
