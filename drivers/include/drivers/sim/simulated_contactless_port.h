// A contactless reader with a simulated chip in the same process: the kiosk's --simulate chip reader, so the
// demo and the tests run the real document reader (PACE/BAC, secure messaging, passive authentication)
// against the ICAO card simulator. Faults are injected as with every simulated device.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>

#include "drivers/icao9303/contactless_port.h"
#include "drivers/sim/fault_injector.h"
#include "drivers/sim/icao_card_simulator.h"

namespace hk::drivers::sim {

class SimulatedContactlessPort : public icao9303::ContactlessPort {
  public:
    // Puts a card in the field (replacing any: a passport chip, a technician card) or takes it away; from
    // any thread.
    void present(std::shared_ptr<SimulatedCard> card);
    void remove();
    [[nodiscard]] bool card_present() const;
    FaultInjector& faults() { return faults_; }

    std::expected<bool, iso7816::ChannelError> wait_for_card(std::chrono::milliseconds timeout) override;
    std::expected<std::unique_ptr<iso7816::CardChannel>, iso7816::ChannelError> connect() override;
    [[nodiscard]] std::string describe() const override { return "simulated"; }

  private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::shared_ptr<SimulatedCard> card_;
    FaultInjector faults_;
};

}  // namespace hk::drivers::sim
