#include "drivers/transports/nfc_reader_port.h"

#include <thread>

#include "nfc_device.h"

namespace hk::drivers::transports {

using iso7816::Bytes;
using iso7816::ChannelError;
using iso7816::ChannelErrorKind;
using Clock = std::chrono::steady_clock;

namespace {

NfcTargetInfo describe(const nfc_target& target) {
    NfcTargetInfo info;
    if (target.nm.nmt == NMT_ISO14443B) {
        info.type_b = true;
        const auto& b = target.nti.nbi;
        info.uid.assign(std::begin(b.abtPupi), std::end(b.abtPupi));
    } else {
        const auto& a = target.nti.nai;
        // libnfc's target structs are packed: the lengths are read by value (a reference to a misaligned
        // size_t, as std::min would take, is undefined behaviour).
        const std::size_t uid_length = a.szUidLen;
        const std::size_t ats_length = a.szAtsLen;
        info.uid.assign(a.abtUid, a.abtUid + std::min(uid_length, sizeof a.abtUid));
        info.ats.assign(a.abtAts, a.abtAts + std::min(ats_length, sizeof a.abtAts));
    }
    return info;
}

}  // namespace

NfcReaderPort::NfcReaderPort(std::string connstring, NfcReaderOptions options)
    : connstring_(std::move(connstring)), options_(options) {}

NfcReaderPort::~NfcReaderPort() = default;

std::expected<std::vector<std::string>, ChannelError> NfcReaderPort::list_devices() {
    nfc_context* context = nullptr;
    nfc_init(&context);
    if (context == nullptr)
        return std::unexpected(ChannelError{ChannelErrorKind::Transport, "nfc_init failed"});
    nfc_connstring found[8];
    const std::size_t count = nfc_list_devices(context, found, std::size(found));
    std::vector<std::string> names;
    for (std::size_t i = 0; i < count; ++i) names.emplace_back(found[i]);
    nfc_exit(context);
    return names;
}

std::expected<std::shared_ptr<NfcDevice>, ChannelError> NfcReaderPort::device() {
    if (device_ && !device_->gone()) return device_;
    device_.reset();
    selected_.reset();
    auto opened = NfcDevice::open(connstring_);
    if (!opened) return std::unexpected(opened.error());
    device_ = *opened;
    return device_;
}

ChannelError NfcReaderPort::forget_device_if_gone(ChannelError error) {
    if (error.kind == ChannelErrorKind::ReaderGone) {
        if (device_) device_->mark_gone();
        device_.reset();
        selected_.reset();
    }
    return error;
}

std::string NfcReaderPort::device_name() const {
    if (!device_ || device_->gone()) return {};
    return nfc_device_get_connstring(device_->get());
}

std::expected<bool, ChannelError> NfcReaderPort::wait_for_card(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    auto dev = device();
    if (!dev) return std::unexpected(dev.error());
    selected_.reset();
    (*dev)->selected.reset();
    const nfc_modulation modulations[] = {{NMT_ISO14443A, NBR_106}, {NMT_ISO14443B, NBR_106}};
    for (;;) {
        for (const auto& modulation : modulations) {
            nfc_target target{};
            const int result =
                nfc_initiator_select_passive_target((*dev)->get(), modulation, nullptr, 0, &target);
            if (result > 0) {
                (*dev)->selected = target;
                selected_ = describe(target);
                return true;
            }
            // A timeout here is a reader that did not answer the poll: retried until the deadline.
            if (result < 0 && result != NFC_ETIMEOUT) {
                ChannelError error = nfc_error(result, "nfc_initiator_select_passive_target");
                if (error.kind != ChannelErrorKind::ReaderGone) error.kind = ChannelErrorKind::Transport;
                return std::unexpected(forget_device_if_gone(std::move(error)));
            }
        }
        if (Clock::now() + options_.poll_interval >= deadline) return false;
        std::this_thread::sleep_for(options_.poll_interval);
    }
}

std::expected<std::unique_ptr<NfcChannel>, ChannelError> NfcReaderPort::connect() {
    if (!device_ || device_->gone())
        return std::unexpected(ChannelError{ChannelErrorKind::ReaderGone, "reader not open"});
    if (!selected_ || !device_->selected)
        return std::unexpected(ChannelError{ChannelErrorKind::CardRemoved, "no card selected"});
    return std::unique_ptr<NfcChannel>(new NfcChannel(device_, *selected_, options_.transceive_timeout));
}

}  // namespace hk::drivers::transports
