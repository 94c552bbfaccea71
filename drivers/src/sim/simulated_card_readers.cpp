#include "drivers/sim/simulated_card_readers.h"

#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace hk::drivers::sim {
namespace {

// Details name the simulated condition only: they go to logs, so they never echo the card's data.
std::string fault_detail(FaultKind kind) {
    switch (kind) {
        case FaultKind::Unplugged:
            return "simulated reader unplugged";
        case FaultKind::CardRemoved:
            return "simulated card pulled away mid-read";
        case FaultKind::Unreadable:
            return "simulated malformed answer from the card";
        case FaultKind::Timeout:
            return "simulated reader did not answer in time";
        case FaultKind::AccessDenied:
            return "simulated chip refused the access key";
        default:
            return "simulated fault " + std::string{to_string(kind)};
    }
}

DeviceStatus reader_status(const FaultInjector& faults, bool card_present) {
    DeviceStatus status;
    if (faults.unplugged()) {
        status.fault = FaultKind::Unplugged;
        status.detail = "unplugged";
        return status;
    }
    status.ready = true;
    status.detail = card_present ? "card present" : "no card";
    return status;
}

// What a real reader's self-test sees, played from the fault injector: a fault it holds is the self-test's.
SelfTestResult reader_self_test(DeviceKind device, FaultInjector& faults, bool card_present) {
    std::vector<std::pair<std::string, std::string>> checks{{"reader", "simulated"}};
    if (const auto fault = faults.take_fault()) {
        checks.emplace_back("reader_answering", std::string{to_string(*fault)});
        return failed_self_test(DeviceFault{device, *fault, fault_detail(*fault)}, std::move(checks));
    }
    checks.emplace_back("reader_answering", "yes");
    checks.emplace_back("card", card_present ? "present" : "absent");
    return SelfTestResult{
        true, std::nullopt,
        card_present ? "simulated reader answering, card present" : "simulated reader answering, no card",
        std::move(checks)};
}

// The MRZ pads document numbers shorter than nine characters with '<'; a key with or without that padding
// names the same document, so padding must not make BAC fail.
std::string_view without_fillers(std::string_view text) {
    while (!text.empty() && text.back() == '<') text.remove_suffix(1);
    return text;
}

bool same_key(const ChipAccessKey& given, const ChipAccessKey& chip) {
    return without_fillers(given.document_number.reveal()) ==
               without_fillers(chip.document_number.reveal()) &&
           given.birth_date == chip.birth_date && given.expiry_date == chip.expiry_date;
}

}  // namespace

// ---- resident ID reader ----

void SimulatedResidentIdReader::present(ResidentIdCard card) {
    {
        const std::lock_guard lock(mutex_);
        card_ = std::move(card);
        reported_ = false;
    }
    changed_.notify_all();
}

void SimulatedResidentIdReader::remove() {
    {
        const std::lock_guard lock(mutex_);
        card_.reset();  // PersonalString wipes itself on destruction
        reported_ = false;
    }
    changed_.notify_all();
}

DeviceStatus SimulatedResidentIdReader::status() {
    const std::lock_guard lock(mutex_);
    return reader_status(faults_, card_.has_value());
}

SelfTestResult SimulatedResidentIdReader::self_test() {
    std::this_thread::sleep_for(faults_.delay());
    const std::lock_guard lock(mutex_);
    return reader_self_test(kind(), faults_, card_.has_value());
}

std::expected<std::optional<ResidentIdCard>, DeviceFault> SimulatedResidentIdReader::read_card(
    std::chrono::milliseconds wait) {
    std::this_thread::sleep_for(faults_.delay());
    if (faults_.unplugged())
        return std::unexpected(DeviceFault{kind(), FaultKind::Unplugged, fault_detail(FaultKind::Unplugged)});

    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, wait, [this] { return card_.has_value() && !reported_; }))
        return std::nullopt;

    // One-shot faults strike a read in progress, so they wait for a card like the read itself does.
    if (const auto fault = faults_.take_fault()) {
        if (*fault == FaultKind::CardRemoved) card_.reset();
        return std::unexpected(DeviceFault{kind(), *fault, fault_detail(*fault)});
    }
    reported_ = true;
    return std::optional<ResidentIdCard>{*card_};
}

// ---- chip reader ----

ChipAccessKey SimulatedChip::key() const {
    return ChipAccessKey{document.document_number, document.birth_date, document.expiry_date};
}

void SimulatedChipReader::present(SimulatedChip chip) {
    {
        const std::lock_guard lock(mutex_);
        chip_ = std::move(chip);
        reported_ = false;
    }
    changed_.notify_all();
}

void SimulatedChipReader::remove() {
    {
        const std::lock_guard lock(mutex_);
        if (chip_) chip_->document.wipe();  // the face image is a plain vector: wipe it explicitly
        chip_.reset();
        reported_ = false;
    }
    changed_.notify_all();
}

DeviceStatus SimulatedChipReader::status() {
    const std::lock_guard lock(mutex_);
    return reader_status(faults_, chip_.has_value());
}

SelfTestResult SimulatedChipReader::self_test() {
    std::this_thread::sleep_for(faults_.delay());
    const std::lock_guard lock(mutex_);
    return reader_self_test(kind(), faults_, chip_.has_value());
}

std::expected<std::optional<ChipDocument>, DeviceFault> SimulatedChipReader::read_document(
    const ChipAccessKey& key, std::chrono::milliseconds wait) {
    std::this_thread::sleep_for(faults_.delay());
    if (faults_.unplugged())
        return std::unexpected(DeviceFault{kind(), FaultKind::Unplugged, fault_detail(FaultKind::Unplugged)});

    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, wait, [this] { return chip_.has_value() && !reported_; }))
        return std::nullopt;

    if (const auto fault = faults_.take_fault()) {
        if (*fault == FaultKind::CardRemoved) {
            chip_->document.wipe();
            chip_.reset();
        }
        return std::unexpected(DeviceFault{kind(), *fault, fault_detail(*fault)});
    }
    // A refused key leaves the presentation unreported: the kiosk may rescan the MRZ and retry with the chip
    // still in the field, as a citizen would expect.
    if (!same_key(key, chip_->key())) {
        return std::unexpected(
            DeviceFault{kind(), FaultKind::AccessDenied, fault_detail(FaultKind::AccessDenied)});
    }
    reported_ = true;
    return std::optional<ChipDocument>{chip_->document};
}

std::expected<std::optional<std::string>, DeviceFault> SimulatedChipReader::read_card_identity(
    std::chrono::milliseconds wait) {
    std::this_thread::sleep_for(faults_.delay());
    if (faults_.unplugged())
        return std::unexpected(DeviceFault{kind(), FaultKind::Unplugged, fault_detail(FaultKind::Unplugged)});
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, wait, [this] { return chip_.has_value(); })) return std::nullopt;
    if (const auto fault = faults_.take_fault())
        return std::unexpected(DeviceFault{kind(), *fault, fault_detail(*fault)});
    if (chip_->uid.empty()) return std::nullopt;
    return std::optional<std::string>{chip_->uid};
}

}  // namespace hk::drivers::sim
