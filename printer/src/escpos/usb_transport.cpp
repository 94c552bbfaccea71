// libusb's synchronous API with a timeout on every transfer. Hot-plug events are handled on the caller's
// thread whenever the transport is used (no thread of its own): a departure closes the handle, an arrival
// makes the next open() look again.
#include "printer/escpos/usb_transport.h"

#include <libusb.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <deque>
#include <thread>

namespace hk::printer::escpos {

namespace {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;
using Clock = std::chrono::steady_clock;

FaultKind fault_kind_of(int error) {
    switch (error) {
        case LIBUSB_ERROR_NO_DEVICE:
        case LIBUSB_ERROR_NOT_FOUND:
            return FaultKind::Unplugged;
        case LIBUSB_ERROR_BUSY:  // another driver or process holds the interface
            return FaultKind::Busy;
        case LIBUSB_ERROR_TIMEOUT:
            return FaultKind::Timeout;
        default:
            return FaultKind::IoError;
    }
}

std::string hex4(std::uint16_t value) {
    std::array<char, 8> text{};
    std::snprintf(text.data(), text.size(), "%04x", static_cast<unsigned>(value));
    return text.data();
}

struct ConfigRelease {
    void operator()(libusb_config_descriptor* config) const noexcept {
        libusb_free_config_descriptor(config);
    }
};
using ConfigHandle = std::unique_ptr<libusb_config_descriptor, ConfigRelease>;

// The interface to print on: a printer-class one, or with a vendor:product given, any with a bulk OUT
// endpoint (some receipt printers declare a vendor-specific class).
std::optional<UsbPrinterLocation> printer_interface(libusb_device* device,
                                                    const libusb_device_descriptor& descriptor,
                                                    bool any_class) {
    libusb_config_descriptor* raw = nullptr;
    if (libusb_get_active_config_descriptor(device, &raw) != 0 &&
        libusb_get_config_descriptor(device, 0, &raw) != 0) {
        return std::nullopt;
    }
    const ConfigHandle config(raw);
    for (int i = 0; i < config->bNumInterfaces; ++i) {
        const libusb_interface& interface = config->interface[i];
        for (int a = 0; a < interface.num_altsetting; ++a) {
            const libusb_interface_descriptor& setting = interface.altsetting[a];
            if (!any_class && setting.bInterfaceClass != LIBUSB_CLASS_PRINTER) continue;
            UsbPrinterLocation location;
            location.bus = libusb_get_bus_number(device);
            location.address = libusb_get_device_address(device);
            location.vendor = descriptor.idVendor;
            location.product = descriptor.idProduct;
            location.interface_number = setting.bInterfaceNumber;
            bool has_out = false;
            for (int e = 0; e < setting.bNumEndpoints; ++e) {
                const libusb_endpoint_descriptor& endpoint = setting.endpoint[e];
                if ((endpoint.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK)
                    continue;
                if ((endpoint.bEndpointAddress & LIBUSB_ENDPOINT_IN) != 0) {
                    if (!location.endpoint_in) location.endpoint_in = endpoint.bEndpointAddress;
                } else if (!has_out) {
                    location.endpoint_out = endpoint.bEndpointAddress;
                    has_out = true;
                }
            }
            if (has_out) return location;
        }
    }
    return std::nullopt;
}

}  // namespace

struct UsbTransport::State {
    libusb_context* context = nullptr;
    UsbSelector selector;
    bool hotplug = false;
    libusb_hotplug_callback_handle callback = 0;
    libusb_device_handle* handle = nullptr;
    UsbPrinterLocation location;
    bool open_device_left = false;
    int departures = 0;
    std::deque<std::uint8_t> pending;  // bytes of a bulk IN packet beyond what the last read() asked for

    [[nodiscard]] bool selected(const libusb_device_descriptor& descriptor) const {
        return (!selector.vendor || *selector.vendor == descriptor.idVendor) &&
               (!selector.product || *selector.product == descriptor.idProduct);
    }

    [[nodiscard]] std::string where() const {
        if (handle != nullptr) {
            return "usb " + hex4(location.vendor) + ":" + hex4(location.product) + " on bus " +
                   std::to_string(location.bus) + " address " + std::to_string(location.address);
        }
        if (selector.vendor && selector.product)
            return "usb " + hex4(*selector.vendor) + ":" + hex4(*selector.product);
        return "usb printer";
    }

    DeviceFault failure(int error, const std::string& what) const {
        return {DeviceKind::ReceiptPrinter, fault_kind_of(error),
                where() + ": " + what + ": " + libusb_error_name(error)};
    }

    void release() {
        if (handle == nullptr) return;
        libusb_release_interface(handle, location.interface_number);
        libusb_close(handle);
        handle = nullptr;
        pending.clear();
    }

    void pump() {
        if (!hotplug) return;
        timeval zero{0, 0};
        libusb_handle_events_timeout_completed(context, &zero, nullptr);
        if (open_device_left) {
            release();
            open_device_left = false;
        }
    }

    static int LIBUSB_CALL on_hotplug(libusb_context* /*context*/, libusb_device* device,
                                      libusb_hotplug_event event, void* user_data) {
        auto* state = static_cast<State*>(user_data);
        if (event != LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT) return 0;  // arrivals: the next open() enumerates
        const bool ours = state->handle != nullptr && libusb_get_device(state->handle) == device;
        libusb_device_descriptor descriptor{};
        const bool matches = libusb_get_device_descriptor(device, &descriptor) == 0 &&
                             state->selected(descriptor) &&
                             (state->selector.vendor || descriptor.bDeviceClass == LIBUSB_CLASS_PRINTER ||
                              descriptor.bDeviceClass == LIBUSB_CLASS_PER_INTERFACE);
        if (ours) state->open_device_left = true;  // closed after the callback: libusb forbids it in here
        if (ours || matches) ++state->departures;
        return 0;
    }
};

UsbTransport::UsbTransport(std::unique_ptr<State> state) : state_(std::move(state)) {}

UsbTransport::~UsbTransport() {
    state_->release();
    if (state_->hotplug) libusb_hotplug_deregister_callback(state_->context, state_->callback);
    libusb_exit(state_->context);
}

std::expected<std::unique_ptr<UsbTransport>, DeviceFault> UsbTransport::create(UsbSelector selector) {
    auto state = std::make_unique<State>();
    state->selector = selector;
    if (const int error = libusb_init(&state->context); error != 0) {
        return std::unexpected(
            DeviceFault{DeviceKind::ReceiptPrinter, FaultKind::IoError,
                        std::string("usb: cannot start libusb: ") + libusb_error_name(error)});
    }
    if (libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) != 0) {
        const int vendor = selector.vendor ? *selector.vendor : LIBUSB_HOTPLUG_MATCH_ANY;
        const int product = selector.product ? *selector.product : LIBUSB_HOTPLUG_MATCH_ANY;
        const int events = LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT;
        state->hotplug =
            libusb_hotplug_register_callback(state->context, events, LIBUSB_HOTPLUG_NO_FLAGS, vendor, product,
                                             LIBUSB_HOTPLUG_MATCH_ANY, &State::on_hotplug, state.get(),
                                             &state->callback) == LIBUSB_SUCCESS;
    }
    return std::unique_ptr<UsbTransport>(new UsbTransport(std::move(state)));
}

bool UsbTransport::hotplug() const {
    return state_->hotplug;
}

int UsbTransport::departures() {
    state_->pump();
    return state_->departures;
}

std::expected<UsbPrinterLocation, DeviceFault> UsbTransport::find() {
    state_->pump();
    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(state_->context, &list);
    if (count < 0) return std::unexpected(state_->failure(static_cast<int>(count), "list devices"));
    std::optional<UsbPrinterLocation> found;
    for (ssize_t i = 0; i < count && !found; ++i) {
        libusb_device_descriptor descriptor{};
        if (libusb_get_device_descriptor(list[i], &descriptor) != 0 || !state_->selected(descriptor))
            continue;
        found = printer_interface(list[i], descriptor, state_->selector.vendor.has_value());
    }
    libusb_free_device_list(list, 1);
    if (!found) {
        return std::unexpected(DeviceFault{DeviceKind::ReceiptPrinter, FaultKind::Unplugged,
                                           state_->where() + ": no such printer on the USB bus"});
    }
    return *found;
}

std::expected<void, DeviceFault> UsbTransport::open(
    Millis /*timeout: claiming does not wait on the device*/) {
    state_->pump();
    if (state_->handle != nullptr) return {};
    auto location = find();
    if (!location) return std::unexpected(location.error());

    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(state_->context, &list);
    if (count < 0) return std::unexpected(state_->failure(static_cast<int>(count), "list devices"));
    int error = LIBUSB_ERROR_NO_DEVICE;
    for (ssize_t i = 0; i < count; ++i) {
        if (libusb_get_bus_number(list[i]) != location->bus ||
            libusb_get_device_address(list[i]) != location->address)
            continue;
        error = libusb_open(list[i], &state_->handle);
        break;
    }
    libusb_free_device_list(list, 1);
    if (error != 0) {
        state_->handle = nullptr;
        return std::unexpected(state_->failure(error, "open"));
    }
    state_->location = *location;
    // usblp binds every printer-class interface; it is detached while we hold the interface and rebound
    // after. Platforms without kernel drivers say NOT_SUPPORTED, which is fine.
    libusb_set_auto_detach_kernel_driver(state_->handle, 1);
    if (const int claimed = libusb_claim_interface(state_->handle, location->interface_number);
        claimed != 0) {
        DeviceFault failure =
            state_->failure(claimed, "claim interface " + std::to_string(location->interface_number));
        libusb_close(state_->handle);
        state_->handle = nullptr;
        return std::unexpected(std::move(failure));
    }
    return {};
}

void UsbTransport::close() {
    state_->release();
}

std::expected<void, DeviceFault> UsbTransport::write(std::span<const std::uint8_t> bytes, Millis timeout) {
    state_->pump();
    if (state_->handle == nullptr) return std::unexpected(state_->failure(LIBUSB_ERROR_NO_DEVICE, "write"));
    const Clock::time_point deadline = Clock::now() + timeout;
    std::size_t done = 0;
    while (done < bytes.size()) {
        const auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
        if (left.count() <= 0) {
            state_->release();
            return std::unexpected(state_->failure(LIBUSB_ERROR_TIMEOUT, "write"));
        }
        int transferred = 0;
        const std::size_t size = std::min<std::size_t>(bytes.size() - done, 16384);
        // libusb's buffer is not const, but an OUT transfer only reads it.
        auto* data = const_cast<unsigned char*>(bytes.data() + done);
        const int error =
            libusb_bulk_transfer(state_->handle, state_->location.endpoint_out, data, static_cast<int>(size),
                                 &transferred, static_cast<unsigned>(std::max<Millis::rep>(left.count(), 1)));
        done += static_cast<std::size_t>(std::max(transferred, 0));
        if (error == LIBUSB_ERROR_TIMEOUT && done < bytes.size()) continue;  // partial: the deadline decides
        if (error != 0 && error != LIBUSB_ERROR_TIMEOUT) {
            DeviceFault failure = state_->failure(error, "write");
            state_->release();
            return std::unexpected(std::move(failure));
        }
    }
    return {};
}

std::expected<std::size_t, DeviceFault> UsbTransport::read(std::span<std::uint8_t> into, Millis timeout) {
    state_->pump();
    if (state_->handle == nullptr) return std::unexpected(state_->failure(LIBUSB_ERROR_NO_DEVICE, "read"));
    if (state_->pending.empty()) {
        if (!state_->location.endpoint_in) {
            // Nothing can ever come back: the caller's wait ends as a timeout, as with a silent printer.
            std::this_thread::sleep_for(timeout);
            return 0;
        }
        // A whole packet's worth, so a status reply is never an overflow error.
        std::array<unsigned char, 512> packet{};
        int transferred = 0;
        const int error = libusb_bulk_transfer(
            state_->handle, *state_->location.endpoint_in, packet.data(), static_cast<int>(packet.size()),
            &transferred, static_cast<unsigned>(std::max<Millis::rep>(timeout.count(), 1)));
        if (error != 0 && error != LIBUSB_ERROR_TIMEOUT) {
            DeviceFault failure = state_->failure(error, "read");
            state_->release();
            return std::unexpected(std::move(failure));
        }
        state_->pending.insert(state_->pending.end(), packet.begin(),
                               packet.begin() + std::max(transferred, 0));
    }
    const std::size_t count = std::min(into.size(), state_->pending.size());
    std::copy_n(state_->pending.begin(), count, into.begin());
    state_->pending.erase(state_->pending.begin(),
                          state_->pending.begin() + static_cast<std::ptrdiff_t>(count));
    return count;
}

std::string UsbTransport::where() const {
    return state_->where();
}

}  // namespace hk::printer::escpos
