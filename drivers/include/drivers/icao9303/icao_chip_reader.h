// The kiosk's chip reader backend for real readers and for the simulated chip: a ContactlessPort and the
// document reader. Every failure becomes a DeviceFault with a code a technician can look up.
#pragma once

#include <memory>
#include <mutex>

#include "drivers/chip_reader.h"
#include "drivers/icao9303/contactless_port.h"
#include "drivers/icao9303/document_reader.h"

namespace hk::drivers::icao9303 {

class IcaoChipReader : public ChipReader {
  public:
    IcaoChipReader(std::unique_ptr<ContactlessPort> port, DocumentReadOptions options);
    // A port owned elsewhere (the simulation keeps its simulated port to put chips in the field).
    IcaoChipReader(ContactlessPort& port, DocumentReadOptions options);

    std::expected<std::optional<ChipDocument>, DeviceFault> read_document(
        const ChipAccessKey& key, std::chrono::milliseconds wait) override;
    std::expected<std::optional<std::string>, DeviceFault> read_card_identity(
        std::chrono::milliseconds wait) override;
    DeviceStatus status() override;
    // Asks the port whether a chip is in the field: the reader answering (PC/SC or libnfc, RF field on) and
    // card presence, which is reported, not a failure. Never connects to the chip or reads from it.
    SelfTestResult self_test() override;

    // The report of the last read (kept for technicians' counters; no personal data).
    [[nodiscard]] DocumentReadReport last_report() const;

  private:
    // Waits up to `wait` for a card and connects to it; a null channel when none came. A failure is
    // remembered for status().
    std::expected<std::unique_ptr<iso7816::CardChannel>, DeviceFault> card_in_field(
        std::chrono::milliseconds wait);
    DeviceFault remembered(const DeviceFault& fault);

    std::unique_ptr<ContactlessPort> owned_port_;
    ContactlessPort& port_;
    DocumentReadOptions options_;
    SystemRandom random_;
    mutable std::mutex report_mutex_;
    DocumentReadReport last_report_;
    std::optional<FaultKind> last_fault_;
};

// The DeviceFault for a channel failure or a document read error (chip reader faults, CHP-nn).
DeviceFault chip_fault(const iso7816::ChannelError& error);
DeviceFault chip_fault(const DocumentReadError& error);

}  // namespace hk::drivers::icao9303
