// A thermal receipt: a few lines of text and an optional QR code, 80 mm paper (576 dots at 203 dpi).
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace hk::printer {

enum class ReceiptStyle : std::uint8_t { Normal, Bold, Large, Centred };

struct ReceiptLine {
    std::string text;  // UTF-8; Chinese and Korean allowed
    ReceiptStyle style = ReceiptStyle::Normal;
};

struct Receipt {
    std::vector<ReceiptLine> lines;
    std::string qr_text;  // no QR when empty
};

inline constexpr int kReceiptWidthDots = 576;

// Renders the receipt as the thermal printer would print it, as a PNG (for the demo, tests and the simulator).
std::expected<std::vector<std::uint8_t>, std::string> render_receipt_png(const Receipt& receipt);

}  // namespace hk::printer
