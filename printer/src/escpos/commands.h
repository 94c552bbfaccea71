// The ESC/POS commands the encoder uses, as bytes. Numbers are from the Epson ESC/POS command reference; the
// sink (sink/) and the npos decoder table (tests/printer/escpos/npos/decode.js) know the same set.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace hk::printer::escpos::command {

inline constexpr std::uint8_t kLf = 0x0A;
inline constexpr std::uint8_t kDle = 0x10;
inline constexpr std::uint8_t kEot = 0x04;
inline constexpr std::uint8_t kEsc = 0x1B;
inline constexpr std::uint8_t kFs = 0x1C;
inline constexpr std::uint8_t kGs = 0x1D;

// Appends bytes to a job being built.
class Writer {
  public:
    void bytes(std::initializer_list<std::uint8_t> values) { out_.insert(out_.end(), values); }
    void bytes(std::span<const std::uint8_t> values) {
        out_.insert(out_.end(), values.begin(), values.end());
    }
    void byte(std::uint8_t value) { out_.push_back(value); }
    void u16(std::size_t value) {  // little-endian, as every ESC/POS length and size is
        out_.push_back(static_cast<std::uint8_t>(value & 0xFFU));
        out_.push_back(static_cast<std::uint8_t>((value >> 8) & 0xFFU));
    }

    void initialise() { bytes({kEsc, '@'}); }
    void bold(bool on) { bytes({kEsc, 'E', static_cast<std::uint8_t>(on ? 1 : 0)}); }
    // GS ! n: width multiplier in the high nibble, height in the low one, each minus one.
    void size(int width, int height) {
        bytes({kGs, '!', static_cast<std::uint8_t>(((width - 1) << 4) | (height - 1))});
    }
    void align(std::uint8_t n) { bytes({kEsc, 'a', n}); }  // 0 left, 1 centre, 2 right
    void chinese(bool on) {
        if (on) {
            bytes({kFs, '&'});
        } else {
            bytes({kFs, '.'});
        }
    }
    void feed_and_cut(bool partial) { bytes({kGs, 'V', static_cast<std::uint8_t>(partial ? 66 : 65), 0}); }
    // GS r 1: transmit paper sensor status, processed in turn, i.e. after everything before it was printed.
    void paper_status_request() { bytes({kGs, 'r', 1}); }

    std::vector<std::uint8_t> take() { return std::move(out_); }
    [[nodiscard]] std::size_t size() const { return out_.size(); }

  private:
    std::vector<std::uint8_t> out_;
};

}  // namespace hk::printer::escpos::command
