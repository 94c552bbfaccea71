// A tiny test-only e-passport chip: BAC and/or PACE, chip authentication, secure messaging and a few
// transparent files (SELECT by file id, READ BINARY B0/B1). It lets the terminal code run against the
// chip-side classes in one process; the real ICAO simulator (drivers/src/icao9303/reader) is a fuller one.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include "drivers/icao9303/bac.h"
#include "drivers/icao9303/chip_authentication.h"
#include "drivers/icao9303/pace.h"
#include "drivers/icao9303/secure_messaging.h"
#include "drivers/sim/simulated_card.h"

namespace hk::drivers::icao9303::test {

class TestChipCard : public sim::SimulatedCard {
  public:
    explicit TestChipCard(RandomSource& random) : random_(random) {}

    void enable_bac(ByteView key_seed) { bac_ = std::make_unique<BacChip>(key_seed, random_); }
    void enable_pace(PaceChip::Config config) {
        pace_ = std::make_unique<PaceChip>(std::move(config), random_);
    }
    void enable_chip_authentication(std::string oid, ByteView private_key_der) {
        ca_ = std::make_unique<ChipAuthenticationChip>(std::move(oid), private_key_der);
    }
    void add_file(std::uint16_t file_id, Bytes content) { files_[file_id] = std::move(content); }
    // Quirks the simulator will have too.
    void set_include_do99(bool include) { include_do99_ = include; }
    void corrupt_next_mac() {
        if (sm_) sm_->corrupt_next_mac();
    }
    // The last command as the chip understood it (after unwrapping).
    [[nodiscard]] const std::optional<iso7816::CommandApdu>& last_plain_command() const {
        return last_plain_;
    }
    [[nodiscard]] bool in_secure_messaging() const { return sm_ && sm_->active(); }

    [[nodiscard]] Bytes atr() const override { return {0x3B, 0x80, 0x80, 0x01, 0x01}; }
    void reset() override;
    Bytes process(ByteView command) override;

  private:
    iso7816::ResponseApdu dispatch_secured(const iso7816::CommandApdu& command);
    iso7816::ResponseApdu read_binary(const iso7816::CommandApdu& command);

    RandomSource& random_;
    std::unique_ptr<BacChip> bac_;
    std::unique_ptr<PaceChip> pace_;
    std::unique_ptr<ChipAuthenticationChip> ca_;
    std::unique_ptr<ChipSecureMessaging> sm_;
    std::map<std::uint16_t, Bytes> files_;
    std::optional<std::uint16_t> selected_;
    std::optional<iso7816::CommandApdu> last_plain_;
    bool include_do99_ = true;
};

}  // namespace hk::drivers::icao9303::test
