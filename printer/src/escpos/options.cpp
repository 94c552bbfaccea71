// From the kiosk's config to a printer: the connection string picks the transport, the profile name the
// printer model.
#include <charconv>

#include "printer/escpos/escpos_receipt_printer.h"
#include "printer/escpos/usb_transport.h"

namespace hk::printer::escpos {

namespace {

template <typename Number>
std::optional<Number> number(std::string_view text, int base) {
    Number value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

}  // namespace

std::expected<EscPosOptions, std::string> parse_escpos_connection(std::string_view connection,
                                                                  EscPosOptions options) {
    const std::size_t colon = connection.find(':');
    const std::string_view kind = connection.substr(0, colon);
    const std::string_view rest =
        colon == std::string_view::npos ? std::string_view{} : connection.substr(colon + 1);
    if (kind == "tcp") {
        if (rest.empty()) return std::unexpected("tcp needs a host: tcp:HOST[:PORT]");
        // The port is after the last colon, unless the host is a bracketed IPv6 address without one.
        const std::size_t port_colon = rest.rfind(':');
        if (port_colon == std::string_view::npos || rest.ends_with(']')) {
            options.host = std::string(rest);
        } else {
            const auto port = number<std::uint16_t>(rest.substr(port_colon + 1), 10);
            if (!port || *port == 0) return std::unexpected("tcp port is not a number from 1 to 65535");
            options.host = std::string(rest.substr(0, port_colon));
            options.port = *port;
        }
        if (options.host.size() > 2 && options.host.front() == '[' && options.host.back() == ']') {
            options.host = options.host.substr(1, options.host.size() - 2);
        }
        options.transport = "tcp";
        return options;
    }
    if (kind == "device") {
        if (rest.empty()) return std::unexpected("device needs a path: device:/dev/usb/lp0");
        options.transport = "device";
        options.device_path = std::string(rest);
        return options;
    }
    if (kind == "usb") {
        options.transport = "usb";
        options.usb_vendor.reset();
        options.usb_product.reset();
        if (rest.empty()) return options;
        const std::size_t split = rest.find(':');
        const auto vendor = number<std::uint16_t>(rest.substr(0, split), 16);
        const auto product = split == std::string_view::npos
                                 ? std::nullopt
                                 : number<std::uint16_t>(rest.substr(split + 1), 16);
        if (!vendor || !product) return std::unexpected("usb wants hex vendor:product, e.g. usb:04b8:0e15");
        options.usb_vendor = vendor;
        options.usb_product = product;
        return options;
    }
    return std::unexpected("unknown receipt printer connection (tcp:, device: or usb)");
}

std::expected<std::unique_ptr<ReceiptPrinter>, std::string> make_escpos_receipt_printer(
    const EscPosOptions& options) {
    std::optional<PrinterProfile> profile = profile_by_name(options.profile);
    if (!profile) return std::unexpected("unknown receipt printer profile '" + options.profile + "'");
    std::unique_ptr<Transport> transport;
    if (options.transport == "tcp") {
        transport = make_tcp_transport(options.host, options.port);
    } else if (options.transport == "device") {
        transport = make_device_transport(options.device_path);
    } else if (options.transport == "usb") {
        auto usb = UsbTransport::create({options.usb_vendor, options.usb_product});
        if (!usb) return std::unexpected(usb.error().detail);
        transport = std::move(*usb);
    } else {
        return std::unexpected("unknown receipt printer transport '" + options.transport + "'");
    }
    return std::make_unique<EscPosReceiptPrinter>(std::move(transport), std::move(*profile), options.timeouts,
                                                  options.chunk_bytes);
}

}  // namespace hk::printer::escpos
