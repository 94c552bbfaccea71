#include "drivers/icao9303/icao_chip_reader.h"

#include "drivers/iso7816/get_uid.h"

namespace hk::drivers::icao9303 {
namespace {

FaultKind fault_kind(iso7816::ChannelErrorKind kind) {
    switch (kind) {
        case iso7816::ChannelErrorKind::CardRemoved:
            return FaultKind::CardRemoved;
        case iso7816::ChannelErrorKind::ReaderGone:
            return FaultKind::Unplugged;
        case iso7816::ChannelErrorKind::Timeout:
            return FaultKind::Timeout;
        case iso7816::ChannelErrorKind::Malformed:
            return FaultKind::Unreadable;
        case iso7816::ChannelErrorKind::Transport:
            return FaultKind::IoError;
    }
    return FaultKind::IoError;
}

FaultKind fault_kind(DocumentReadError::Kind kind) {
    switch (kind) {
        case DocumentReadError::Kind::AccessDenied:
            return FaultKind::AccessDenied;
        case DocumentReadError::Kind::CardRemoved:
            return FaultKind::CardRemoved;
        case DocumentReadError::Kind::ReaderGone:
            return FaultKind::Unplugged;
        case DocumentReadError::Kind::Timeout:
            return FaultKind::Timeout;
        case DocumentReadError::Kind::Unreadable:
            return FaultKind::Unreadable;
    }
    return FaultKind::Unreadable;
}

}  // namespace

DeviceFault chip_fault(const iso7816::ChannelError& error) {
    return DeviceFault{DeviceKind::ChipReader, fault_kind(error.kind), error.detail};
}

DeviceFault chip_fault(const DocumentReadError& error) {
    return DeviceFault{DeviceKind::ChipReader, fault_kind(error.kind), error.detail};
}

IcaoChipReader::IcaoChipReader(std::unique_ptr<ContactlessPort> port, DocumentReadOptions options)
    : owned_port_(std::move(port)), port_(*owned_port_), options_(std::move(options)) {}

IcaoChipReader::IcaoChipReader(ContactlessPort& port, DocumentReadOptions options)
    : port_(port), options_(std::move(options)) {}

DeviceFault IcaoChipReader::remembered(const DeviceFault& fault) {
    const std::lock_guard lock(report_mutex_);
    last_fault_ = fault.kind;
    return fault;
}

std::expected<std::unique_ptr<iso7816::CardChannel>, DeviceFault> IcaoChipReader::card_in_field(
    std::chrono::milliseconds wait) {
    auto present = port_.wait_for_card(wait);
    if (!present) return std::unexpected(remembered(chip_fault(present.error())));
    {
        const std::lock_guard lock(report_mutex_);
        last_fault_.reset();
    }
    if (!*present) return nullptr;
    auto channel = port_.connect();
    if (!channel) return std::unexpected(remembered(chip_fault(channel.error())));
    return std::move(*channel);
}

std::expected<std::optional<ChipDocument>, DeviceFault> IcaoChipReader::read_document(
    const ChipAccessKey& key, std::chrono::milliseconds wait) {
    auto channel = card_in_field(wait);
    if (!channel) return std::unexpected(channel.error());
    if (!*channel) return std::optional<ChipDocument>{};

    DocumentReadOptions options = options_;
    options.now = std::chrono::system_clock::now();
    DocumentReadReport report;
    auto document =
        read_chip_document(**channel, ChipCredentials{key, std::nullopt}, options, random_, &report);
    {
        const std::lock_guard lock(report_mutex_);
        last_report_ = report;
    }
    if (!document) return std::unexpected(remembered(chip_fault(document.error())));
    return std::optional<ChipDocument>{std::move(*document)};
}

std::expected<std::optional<std::string>, DeviceFault> IcaoChipReader::read_card_identity(
    std::chrono::milliseconds wait) {
    // A card that leaves again before it answers is no card, not a fault.
    auto channel = card_in_field(wait);
    if (!channel) {
        if (channel.error().kind == FaultKind::CardRemoved) return std::optional<std::string>{};
        return std::unexpected(channel.error());
    }
    if (!*channel) return std::optional<std::string>{};
    auto answer = (*channel)->transmit_raw(iso7816::get_uid_command());
    if (!answer) {
        if (answer.error().kind == iso7816::ChannelErrorKind::CardRemoved)
            return std::optional<std::string>{};
        return std::unexpected(remembered(chip_fault(answer.error())));
    }
    const iso7816::Bytes& bytes = *answer;
    const bool has_uid = bytes.size() > 2 && bytes[bytes.size() - 2] == 0x90 && bytes.back() == 0x00;
    if (!has_uid) return std::optional<std::string>{};
    return std::optional<std::string>{iso7816::to_hex(iso7816::ByteView(bytes).first(bytes.size() - 2))};
}

DeviceStatus IcaoChipReader::status() {
    // Asking the port would take the reader from the worker thread that may be reading right now; the status
    // is what the last operation found.
    const std::lock_guard lock(report_mutex_);
    DeviceStatus status;
    if (last_fault_ == FaultKind::Unplugged) {
        status.fault = FaultKind::Unplugged;
        status.detail = port_.describe() + ": reader not found";
        return status;
    }
    status.ready = true;
    status.detail = port_.describe();
    return status;
}

SelfTestResult IcaoChipReader::self_test() {
    std::vector<std::pair<std::string, std::string>> checks;
    checks.emplace_back("reader", port_.describe());
    // A zero wait is one look at the field: the reader has to answer, and says whether a chip is there.
    auto present = port_.wait_for_card(std::chrono::milliseconds{0});
    {
        const std::lock_guard lock(report_mutex_);
        if (present) {
            last_fault_.reset();
        } else {
            last_fault_ = chip_fault(present.error()).kind;
        }
    }
    if (!present) {
        const DeviceFault fault = chip_fault(present.error());
        checks.emplace_back("reader_answering", std::string{to_string(fault.kind)});
        return failed_self_test(fault, std::move(checks));
    }
    checks.emplace_back("reader_answering", "yes");
    checks.emplace_back("card", *present ? "present" : "absent");
    return SelfTestResult{true, std::nullopt,
                          port_.describe() + (*present ? ": reader answering, chip in the field"
                                                       : ": reader answering, no chip in the field"),
                          std::move(checks)};
}

DocumentReadReport IcaoChipReader::last_report() const {
    const std::lock_guard lock(report_mutex_);
    return last_report_;
}

}  // namespace hk::drivers::icao9303
