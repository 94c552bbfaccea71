// libusb synchronous bulk transfers. Compile-tested only (no USB bus on the build machine): the logic is
// kept to what libusb's documentation prescribes, and unplugging is simply LIBUSB_ERROR_NO_DEVICE on the
// next transfer, answered by reopen() enumerating again.
#include "drivers/ga467/usb_transport.h"

#include <libusb.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <deque>
#include <optional>
#include <vector>

namespace hk::drivers::ga467 {

namespace {

constexpr unsigned kWriteTimeoutMs = 1000;

TransportFailure failure_of(int error) {
    switch (error) {
        case LIBUSB_ERROR_NO_DEVICE:
        case LIBUSB_ERROR_NOT_FOUND:
            return TransportFailure::Gone;
        case LIBUSB_ERROR_BUSY:
        case LIBUSB_ERROR_ACCESS:
            return TransportFailure::Busy;
        case LIBUSB_ERROR_TIMEOUT:
            return TransportFailure::Timeout;
        default:
            return TransportFailure::Io;
    }
}

std::string hex4(std::uint16_t value) {
    std::array<char, 8> text{};
    std::snprintf(text.data(), text.size(), "%04x", static_cast<unsigned>(value));
    return text.data();
}

struct Endpoints {
    int interface_number = -1;
    std::uint8_t out = 0;
    std::uint8_t in = 0;
};

// The first interface with both a bulk OUT and a bulk IN endpoint.
std::optional<Endpoints> bulk_endpoints(libusb_device* device) {
    libusb_config_descriptor* config = nullptr;
    if (libusb_get_active_config_descriptor(device, &config) != 0 &&
        libusb_get_config_descriptor(device, 0, &config) != 0)
        return std::nullopt;
    std::optional<Endpoints> found;
    for (int i = 0; i < config->bNumInterfaces && !found; ++i) {
        const libusb_interface& interface = config->interface[i];
        for (int a = 0; a < interface.num_altsetting && !found; ++a) {
            const libusb_interface_descriptor& setting = interface.altsetting[a];
            Endpoints endpoints;
            endpoints.interface_number = setting.bInterfaceNumber;
            for (int e = 0; e < setting.bNumEndpoints; ++e) {
                const libusb_endpoint_descriptor& endpoint = setting.endpoint[e];
                if ((endpoint.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK)
                    continue;
                if ((endpoint.bEndpointAddress & LIBUSB_ENDPOINT_IN) != 0) {
                    if (endpoints.in == 0) endpoints.in = endpoint.bEndpointAddress;
                } else if (endpoints.out == 0) {
                    endpoints.out = endpoint.bEndpointAddress;
                }
            }
            if (endpoints.in != 0 && endpoints.out != 0) found = endpoints;
        }
    }
    libusb_free_config_descriptor(config);
    return found;
}

}  // namespace

struct UsbTransport::State {
    UsbReaderId id;
    libusb_context* context = nullptr;
    libusb_device_handle* handle = nullptr;
    Endpoints endpoints;
    std::deque<std::uint8_t> pending;  // bytes of a bulk IN packet beyond what read_some() could take

    [[nodiscard]] std::string where() const { return "usb " + hex4(id.vendor) + ":" + hex4(id.product); }

    TransportError error(int code, const char* what) {
        const TransportFailure failure = failure_of(code);
        if (failure == TransportFailure::Gone) close();
        return {failure, where() + ": " + what + ": " + libusb_error_name(code)};
    }

    void close() {
        if (handle == nullptr) return;
        libusb_release_interface(handle, endpoints.interface_number);
        libusb_close(handle);
        handle = nullptr;
        pending.clear();
    }

    std::expected<void, TransportError> open() {
        close();
        if (context == nullptr) {
            if (const int code = libusb_init(&context); code != 0) {
                context = nullptr;
                return std::unexpected(error(code, "start libusb"));
            }
        }
        libusb_device_handle* opened = libusb_open_device_with_vid_pid(context, id.vendor, id.product);
        if (opened == nullptr)
            return std::unexpected(TransportError{TransportFailure::Gone, where() + ": not found"});
        const std::optional<Endpoints> found = bulk_endpoints(libusb_get_device(opened));
        if (!found) {
            libusb_close(opened);
            return std::unexpected(
                TransportError{TransportFailure::Io, where() + ": no bulk IN/OUT endpoints"});
        }
        libusb_set_auto_detach_kernel_driver(opened, 1);  // ignored where unsupported
        if (const int code = libusb_claim_interface(opened, found->interface_number); code != 0) {
            libusb_close(opened);
            return std::unexpected(error(code, "claim interface"));
        }
        handle = opened;
        endpoints = *found;
        return {};
    }
};

UsbTransport::UsbTransport(UsbReaderId id) : state_(std::make_unique<State>()) {
    state_->id = id;
}

UsbTransport::~UsbTransport() {
    state_->close();
    if (state_->context != nullptr) libusb_exit(state_->context);
}

std::string UsbTransport::describe() const {
    return state_->where();
}

std::expected<void, TransportError> UsbTransport::reopen() {
    return state_->open();
}

std::expected<void, TransportError> UsbTransport::write(std::span<const std::uint8_t> bytes) {
    if (state_->handle == nullptr)
        return std::unexpected(TransportError{TransportFailure::Gone, state_->where() + ": not open"});
    std::vector<std::uint8_t> copy(bytes.begin(), bytes.end());  // libusb takes a non-const buffer
    std::size_t sent = 0;
    while (sent < copy.size()) {
        int transferred = 0;
        const int code =
            libusb_bulk_transfer(state_->handle, state_->endpoints.out, copy.data() + sent,
                                 static_cast<int>(copy.size() - sent), &transferred, kWriteTimeoutMs);
        if (code != 0 && transferred == 0) return std::unexpected(state_->error(code, "bulk out"));
        sent += static_cast<std::size_t>(transferred);
    }
    return {};
}

std::expected<std::size_t, TransportError> UsbTransport::read_some(std::span<std::uint8_t> into,
                                                                   std::chrono::milliseconds timeout) {
    if (state_->handle == nullptr)
        return std::unexpected(TransportError{TransportFailure::Gone, state_->where() + ": not open"});
    if (state_->pending.empty()) {
        // A whole max-size packet: asking for less than wMaxPacketSize risks an overflow error.
        std::array<std::uint8_t, 4096> packet{};
        int transferred = 0;
        const unsigned ms = timeout.count() > 0 ? static_cast<unsigned>(timeout.count()) : 1;
        const int code = libusb_bulk_transfer(state_->handle, state_->endpoints.in, packet.data(),
                                              static_cast<int>(packet.size()), &transferred, ms);
        if (code != 0 && transferred == 0) return std::unexpected(state_->error(code, "bulk in"));
        state_->pending.insert(state_->pending.end(), packet.begin(), packet.begin() + transferred);
        std::memset(packet.data(), 0, packet.size());
        if (state_->pending.empty())
            return std::unexpected(TransportError{TransportFailure::Timeout, state_->where() + ": no data"});
    }
    const std::size_t count = std::min(into.size(), state_->pending.size());
    std::copy_n(state_->pending.begin(), count, into.begin());
    state_->pending.erase(state_->pending.begin(),
                          state_->pending.begin() + static_cast<std::ptrdiff_t>(count));
    return count;
}

void UsbTransport::discard_input() {
    state_->pending.clear();
    if (state_->handle == nullptr) return;
    // A late answer may still sit in the reader's IN buffer: drain it with short reads (bounded).
    std::array<std::uint8_t, 4096> packet{};
    for (int i = 0; i < 8; ++i) {
        int transferred = 0;
        const int code = libusb_bulk_transfer(state_->handle, state_->endpoints.in, packet.data(),
                                              static_cast<int>(packet.size()), &transferred, 5);
        if (code != 0 || transferred == 0) break;
    }
    std::memset(packet.data(), 0, packet.size());
}

}  // namespace hk::drivers::ga467
