#include "drivers/ga467/ga467_reader.h"

#include <charconv>

namespace hk::drivers::ga467 {

namespace {

constexpr std::string_view kScheme = "ga467:";
constexpr std::string_view kUsb = "usb";

std::optional<std::uint16_t> hex16(std::string_view text) {
    if (text.size() != 4) return std::nullopt;
    std::uint16_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::expected<Ga467Connection, std::string> parse_ga467_connection(std::string_view text) {
    if (!text.starts_with(kScheme)) return std::unexpected("connection does not start with ga467:");
    text.remove_prefix(kScheme.size());
    Ga467Connection connection;
    if (text == kUsb) {
        connection.bus = Ga467Connection::Bus::Usb;
        return connection;
    }
    if (text.starts_with("usb:")) {
        text.remove_prefix(4);
        const std::size_t colon = text.find(':');
        const auto vendor = colon == std::string_view::npos ? std::nullopt : hex16(text.substr(0, colon));
        const auto product = colon == std::string_view::npos ? std::nullopt : hex16(text.substr(colon + 1));
        if (!vendor || !product) return std::unexpected("usb id is not VVVV:PPPP in hex");
        connection.bus = Ga467Connection::Bus::Usb;
        connection.usb = {*vendor, *product};
        return connection;
    }
    const std::size_t at = text.rfind('@');
    connection.serial.path = std::string(text.substr(0, at));
    if (at != std::string_view::npos) {
        const std::string_view baud = text.substr(at + 1);
        int value = 0;
        const auto [end, error] = std::from_chars(baud.data(), baud.data() + baud.size(), value);
        if (error != std::errc() || end != baud.data() + baud.size() || !is_supported_baud(value))
            return std::unexpected("unsupported baud rate");
        connection.serial.baud = value;
    }
    if (connection.serial.path.empty() || connection.serial.path.front() != '/')
        return std::unexpected("serial device is not an absolute path");
    return connection;
}

std::expected<std::unique_ptr<Ga467ResidentIdReader>, DeviceFault> Ga467ResidentIdReader::create(
    std::string_view text, Ga467Timeouts timeouts) {
    auto connection = parse_ga467_connection(text);
    if (!connection) {
        return std::unexpected(DeviceFault{DeviceKind::ResidentIdReader, FaultKind::IoError,
                                           "bad connection string: " + connection.error()});
    }
    std::unique_ptr<Ga467Transport> transport;
    if (connection->bus == Ga467Connection::Bus::Usb) {
        transport = std::make_unique<UsbTransport>(connection->usb);
    } else {
        transport = std::make_unique<SerialTransport>(connection->serial);
    }
    return std::make_unique<Ga467ResidentIdReader>(std::move(transport), timeouts);
}

Ga467ResidentIdReader::Ga467ResidentIdReader(std::unique_ptr<Ga467Transport> transport,
                                             Ga467Timeouts timeouts)
    : transport_(std::move(transport)), session_(*transport_, timeouts) {}

std::expected<void, DeviceFault> Ga467ResidentIdReader::ensure_open() {
    if (!needs_open_) return {};
    if (auto opened = transport_->reopen(); !opened)
        return std::unexpected(fault_from_transport(opened.error()));
    needs_open_ = false;
    return {};
}

// After the device left, the descriptor is dead: the next call opens the device again, which is how a
// re-plugged reader (or one plugged in after start-up) comes back.
void Ga467ResidentIdReader::note(const DeviceFault& fault) {
    if (fault.kind == FaultKind::Unplugged) needs_open_ = true;
}

DeviceStatus Ga467ResidentIdReader::status() {
    DeviceStatus status;
    const std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) {
        status.ready = true;
        status.detail = "reading";
        return status;
    }
    auto checked = ensure_open();
    if (checked) checked = session_.check_sam();
    if (!checked) {
        note(checked.error());
        // A reader that answers with anything but a healthy SAM needs a technician, not a wait.
        status.fault =
            checked.error().kind == FaultKind::Unplugged ? FaultKind::Unplugged : FaultKind::IoError;
        status.detail = checked.error().detail;
        return status;
    }
    status.ready = true;
    status.detail = "SAM ready on " + transport_->describe();
    return status;
}

SelfTestResult Ga467ResidentIdReader::self_test() {
    std::vector<std::pair<std::string, std::string>> checks;
    checks.emplace_back("connection", transport_->describe());
    const std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) {
        return failed_self_test(
            DeviceFault{kind(), FaultKind::Busy, "a card is being read; try again after it"},
            std::move(checks));
    }
    if (auto opened = ensure_open(); !opened) {
        note(opened.error());
        checks.emplace_back("port", "not open");
        return failed_self_test(opened.error(), std::move(checks));
    }
    checks.emplace_back("port", "open");
    if (auto sam = session_.check_sam(); !sam) {
        note(sam.error());
        checks.emplace_back("sam", std::string{to_string(sam.error().kind)});
        return failed_self_test(sam.error(), std::move(checks));
    }
    checks.emplace_back("sam", "ready");
    // Finding a card only asks whether one is in the field: nothing is selected or read from it.
    auto card = session_.find_card();
    if (!card) {
        note(card.error());
        checks.emplace_back("card", std::string{to_string(card.error().kind)});
        return failed_self_test(card.error(), std::move(checks));
    }
    checks.emplace_back("card", *card ? "present" : "absent");
    return SelfTestResult{
        true, std::nullopt,
        std::string{"SAM ready, "} + (*card ? "card on the reader" : "no card on the reader"),
        std::move(checks)};
}

std::expected<std::optional<ResidentIdCard>, DeviceFault> Ga467ResidentIdReader::read_card(
    std::chrono::milliseconds wait) {
    const std::lock_guard lock(mutex_);
    if (auto opened = ensure_open(); !opened) return std::unexpected(opened.error());
    auto card = session_.read_card(wait, read_fingerprints_.load());
    if (!card) note(card.error());
    return card;
}

}  // namespace hk::drivers::ga467
