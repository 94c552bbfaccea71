// A character device: /dev/usb/lpN from the kernel's usblp driver (or a serial port already set up). usblp
// passes writes to the bulk OUT endpoint and reads from bulk IN, so status works as over TCP.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fd_transport.h"

namespace hk::printer::escpos {

namespace {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;

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

class DeviceTransport final : public FdTransport {
  public:
    explicit DeviceTransport(std::filesystem::path path)
        : FdTransport(/*socket=*/false), path_(std::move(path)) {}

    std::expected<void, DeviceFault> open(Millis /*timeout: opening a device node does not wait*/) override {
        if (fd_ >= 0) return {};
        const int fd = ::open(path_.c_str(), O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) return std::unexpected(failure(errno, "open"));
        fd_ = fd;
        return {};
    }

    [[nodiscard]] std::string where() const override { return path_.string(); }

  private:
    [[nodiscard]] DeviceFault failure(int error, const char* what) const override {
        return {DeviceKind::ReceiptPrinter, fault_kind_of(error),
                where() + ": " + what + ": " + std::strerror(error)};
    }

    std::filesystem::path path_;
};

}  // namespace

std::unique_ptr<Transport> make_device_transport(std::filesystem::path path) {
    return std::make_unique<DeviceTransport>(std::move(path));
}

}  // namespace hk::printer::escpos
