// A thermal receipt: a few lines of text and an optional QR code, 80 mm paper (576 dots at 203 dpi). Optional
// extras: a 1-bit logo across the top and a CODE128 barcode (a tracking number a counter scanner can read).
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace hk::printer {

enum class ReceiptStyle : std::uint8_t { Normal, Bold, Large, Centred };

// ByStyle keeps what the style implies (Large headings and Centred lines centred, the others left), so
// receipts written before alignment existed print as they always did.
enum class ReceiptAlignment : std::uint8_t { ByStyle, Left, Centre, Right };

struct ReceiptLine {
    std::string text{};  // UTF-8; Chinese and Korean allowed
    ReceiptStyle style = ReceiptStyle::Normal;
    ReceiptAlignment alignment = ReceiptAlignment::ByStyle;
};

// A picture printed as dots: `width` x `height`, row by row, one byte per dot, non-zero where ink goes.
struct ReceiptLogo {
    int width = 0;   // at most kReceiptWidthDots; centred on the paper
    int height = 0;  // at most kReceiptLogoMaxHeight
    std::vector<std::uint8_t> dots{};
};

// Every member has a default initializer, so designated initializers may name any subset of them.
struct Receipt {
    std::vector<ReceiptLine> lines{};
    std::string qr_text{};              // no QR when empty
    std::optional<ReceiptLogo> logo{};  // above the lines
    std::string barcode{};              // CODE128 below the lines, printable ASCII only; none when empty
};

inline constexpr int kReceiptWidthDots = 576;
inline constexpr int kReceiptLogoMaxHeight = 400;
inline constexpr std::size_t kReceiptBarcodeMaxLength = 20;

// Left, Centre or Right: what ByStyle means for this line.
ReceiptAlignment effective_alignment(const ReceiptLine& line);

// Why a receipt cannot be printed as it stands (a logo whose size does not match its dots, a barcode with
// characters CODE128 set B lacks), or nullopt when it can. The message names sizes, never the receipt's text.
std::optional<std::string> receipt_problem(const Receipt& receipt);

// Renders the receipt as the thermal printer would print it, as a PNG (for the demo, tests and the
// simulator).
std::expected<std::vector<std::uint8_t>, std::string> render_receipt_png(const Receipt& receipt);

// The paper a receipt takes on the 80 mm thermal printer, in whole millimetres (0 when it cannot be
// rendered): for the roll counter technicians read.
int receipt_length_mm(const Receipt& receipt);

}  // namespace hk::printer
