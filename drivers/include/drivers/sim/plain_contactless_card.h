// A contactless card with a UID and no application, like the access cards technicians carry (MIFARE-style):
// the reader reports its UID, and every command to the card itself is refused. The kiosk's simulation and
// tests use it as a technician card.
#pragma once

#include <atomic>

#include "drivers/sim/simulated_card.h"

namespace hk::drivers::sim {

class PlainContactlessCard final : public SimulatedCard {
  public:
    explicit PlainContactlessCard(iso7816::Bytes uid) : uid_(std::move(uid)) {}

    [[nodiscard]] iso7816::Bytes atr() const override;
    void reset() override {}
    // SELECT of any application: 6A 82 (not found); anything else: 6D 00 (instruction not supported).
    iso7816::Bytes process(iso7816::ByteView command) override;
    [[nodiscard]] bool present() const override { return present_.load(); }
    void set_present(bool present) override { present_.store(present); }
    [[nodiscard]] iso7816::Bytes uid() const override { return uid_; }

  private:
    iso7816::Bytes uid_;
    std::atomic<bool> present_{true};
};

}  // namespace hk::drivers::sim
