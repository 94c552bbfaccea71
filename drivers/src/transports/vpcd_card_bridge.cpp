#include "drivers/transports/vpcd_card_bridge.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "drivers/iso7816/get_uid.h"
#include "drivers/transports/vpcd_framing.h"

namespace hk::drivers::transports {

namespace {

// How often the worker looks at the stop flag and at the card's presence while connected.
constexpr int kPollMs = 20;

bool send_all(int fd, iso7816::ByteView bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool send_message(int fd, iso7816::ByteView payload) {
    const auto framed = vpcd::encode_message(payload);
    return framed && send_all(fd, *framed);
}

}  // namespace

VpcdCardBridge::VpcdCardBridge(sim::SimulatedCard& card, VpcdBridgeOptions options)
    : card_(card), options_(std::move(options)), inserted_(options_.card_inserted) {}

VpcdCardBridge::~VpcdCardBridge() {
    stop();
}

void VpcdCardBridge::start() {
    if (thread_.joinable()) return;
    stop_requested_ = false;
    thread_ = std::thread([this] { run(); });
}

void VpcdCardBridge::stop() {
    stop_requested_ = true;
    if (thread_.joinable()) thread_.join();
}

bool VpcdCardBridge::wait_connected(std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!connected_) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

VpcdCardBridge::Stats VpcdCardBridge::stats() const {
    const std::lock_guard lock(stats_mutex_);
    return stats_;
}

void VpcdCardBridge::run() {
    while (!stop_requested_) {
        if (!should_be_connected()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
            continue;
        }
        const int fd = connect_to_vpcd();
        if (fd < 0) {  // vpcd not listening (pcscd stopped or restarting): try again later
            const auto until = std::chrono::steady_clock::now() + options_.reconnect_interval;
            while (!stop_requested_ && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
            continue;
        }
        {
            const std::lock_guard lock(stats_mutex_);
            ++stats_.connections;
        }
        connected_ = true;
        serve(fd);
        connected_ = false;
        ::close(fd);
    }
}

int VpcdCardBridge::connect_to_vpcd() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(options_.port);
    if (::inet_pton(AF_INET, options_.host.c_str(), &address.sin_addr) != 1 ||
        ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

// Serves vpcd until the card should leave, the bridge stops, or vpcd goes away.
void VpcdCardBridge::serve(int fd) {
    vpcd::MessageReader reader;
    std::uint8_t buffer[4096];
    while (!stop_requested_ && should_be_connected()) {
        pollfd pfd{fd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, kPollMs);
        if (ready < 0 && errno != EINTR) return;
        if (ready <= 0) continue;
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n == 0) return;  // vpcd closed: pcscd stopped
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return;
        }
        // vpcd writes the length and the APDU in two sends; acknowledging at once (instead of the delayed
        // ACK) keeps Nagle on its side from holding the second back for ~40 ms per APDU.
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
        reader.feed(iso7816::ByteView(buffer, static_cast<std::size_t>(n)));
        while (auto message = reader.next()) {
            if (const auto* control = std::get_if<vpcd::ControlMessage>(&*message)) {
                switch (static_cast<vpcd::Control>(control->code)) {
                    case vpcd::Control::PowerOn:
                    case vpcd::Control::Reset: {
                        card_.reset();
                        const std::lock_guard lock(stats_mutex_);
                        ++stats_.resets;
                        break;
                    }
                    case vpcd::Control::GetAtr:
                        if (!send_message(fd, card_.atr())) return;
                        break;
                    case vpcd::Control::PowerOff:
                        break;  // the next power-on resets the card
                }
                continue;
            }
            const auto& apdu = std::get<vpcd::ApduMessage>(*message);
            // vpcd hands the reader's own pseudo-APDUs to the card too; a real reader answers GET DATA UID.
            const auto response = iso7816::is_get_uid_command(apdu.command)
                                      ? iso7816::get_uid_answer(card_.uid())
                                      : card_.process(apdu.command);
            // A card pulled away in the middle of a command never answers: leave, so pcscd sees it gone.
            if (!should_be_connected()) return;
            if (!send_message(fd, response)) return;
            const std::lock_guard lock(stats_mutex_);
            ++stats_.apdus;
        }
    }
}

}  // namespace hk::drivers::transports
