// What the TCP and character-device transports have in common: a non-blocking file descriptor written and
// read with deadlines, closed after any failure so the next open() starts afresh. Subclasses open the
// descriptor and name failures (errno to FaultKind differs: ECONNREFUSED means unplugged on TCP, ENOENT on a
// device node).
#pragma once

#include "printer/escpos/transport.h"

namespace hk::printer::escpos {

class FdTransport : public Transport {
  public:
    ~FdTransport() override { close(); }
    FdTransport(const FdTransport&) = delete;
    FdTransport& operator=(const FdTransport&) = delete;

    void close() final;
    std::expected<void, drivers::DeviceFault> write(std::span<const std::uint8_t> bytes,
                                                    Millis timeout) final;
    std::expected<std::size_t, drivers::DeviceFault> read(std::span<std::uint8_t> into, Millis timeout) final;

  protected:
    // `socket`: send with MSG_NOSIGNAL and read end-of-stream as the peer closing.
    explicit FdTransport(bool socket) : socket_(socket) {}

    [[nodiscard]] virtual drivers::DeviceFault failure(int error, const char* what) const = 0;
    // The errno reported for a call made while closed.
    [[nodiscard]] int not_open_error() const;

    int fd_ = -1;

  private:
    bool socket_;
};

}  // namespace hk::printer::escpos
