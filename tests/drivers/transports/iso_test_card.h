// A plain ISO 7816-4 card for the transport tests: a few transparent EFs selected by file identifier
// (00 A4 02 0C 02 <fid>) and read with READ BINARY (00 B0 <offset> Le), short or extended. Nothing ICAO
// about it, so a transport failure cannot hide behind secure messaging.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>

#include "drivers/iso7816/bytes.h"
#include "drivers/sim/simulated_card.h"

namespace hk::drivers::transports::testing {

using iso7816::Bytes;
using iso7816::ByteView;

inline constexpr std::uint16_t kSmallFile = 0x011E;  // 42 bytes
inline constexpr std::uint16_t kLargeFile = 0x0102;  // 20 KB, like a DG2 face image
inline constexpr std::size_t kLargeFileSize = 20 * 1024;

// Deterministic contents, different per file, so a misplaced chunk is caught.
Bytes test_file_contents(std::uint16_t fid, std::size_t size);

class IsoTestCard final : public sim::SimulatedCard {
  public:
    IsoTestCard();

    [[nodiscard]] Bytes atr() const override;
    void reset() override;
    Bytes process(ByteView command) override;
    [[nodiscard]] bool present() const override { return present_.load(); }

    // The card leaves / enters the field (thread-safe).
    void set_present(bool present) { present_ = present; }
    // The card leaves the field while processing the n-th command from now (that command gets no answer).
    void remove_during_command(int n) { remove_countdown_ = n; }

    [[nodiscard]] std::uint64_t commands() const { return commands_.load(); }
    [[nodiscard]] std::uint64_t resets() const { return resets_.load(); }
    [[nodiscard]] std::size_t largest_answer() const { return largest_answer_.load(); }

  private:
    std::map<std::uint16_t, Bytes> files_;
    std::optional<std::uint16_t> selected_;
    std::atomic<bool> present_{true};
    std::atomic<int> remove_countdown_{0};
    std::atomic<std::uint64_t> commands_{0};
    std::atomic<std::uint64_t> resets_{0};
    std::atomic<std::size_t> largest_answer_{0};
};

}  // namespace hk::drivers::transports::testing
