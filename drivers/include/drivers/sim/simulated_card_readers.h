// Simulated resident ID reader and chip reader. A scenario, a test or the demo's keys "present" a card; the
// kiosk's worker thread blocks in read_card()/read_document() exactly as it would on real hardware.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>

#include "drivers/chip_reader.h"
#include "drivers/resident_id_reader.h"
#include "drivers/sim/fault_injector.h"

namespace hk::drivers::sim {

class SimulatedResidentIdReader final : public ResidentIdReader {
  public:
    // Puts a card on the reader; it stays until remove() (a read does not consume it, as on a real reader,
    // but each card is reported once per presentation).
    void present(ResidentIdCard card);
    void remove();
    FaultInjector& faults() { return faults_; }

    DeviceStatus status() override;
    // Fails with the injected fault (unplugged, else the next one-shot fault); otherwise reports card
    // presence.
    SelfTestResult self_test() override;
    std::expected<std::optional<ResidentIdCard>, DeviceFault> read_card(
        std::chrono::milliseconds wait) override;

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::optional<ResidentIdCard> card_;
    bool reported_ = false;
    FaultInjector faults_;
};

// A simulated chip: the data it holds and the key it opens with (taken from its own DG1, as on a real
// document).
struct SimulatedChip {
    ChipDocument document;
    std::string uid;  // what the reader reports for the card (upper-case hex); empty: none
    ChipAccessKey key() const;
};

class SimulatedChipReader final : public ChipReader {
  public:
    void present(SimulatedChip chip);
    void remove();
    FaultInjector& faults() { return faults_; }

    DeviceStatus status() override;
    // Fails with the injected fault (unplugged, else the next one-shot fault); otherwise reports chip
    // presence.
    SelfTestResult self_test() override;
    std::expected<std::optional<ChipDocument>, DeviceFault> read_document(
        const ChipAccessKey& key, std::chrono::milliseconds wait) override;
    // The present chip's uid (whether or not its document was read), after the injected faults.
    std::expected<std::optional<std::string>, DeviceFault> read_card_identity(
        std::chrono::milliseconds wait) override;

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::optional<SimulatedChip> chip_;
    bool reported_ = false;
    FaultInjector faults_;
};

}  // namespace hk::drivers::sim
