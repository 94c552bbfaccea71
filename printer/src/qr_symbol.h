// A QR code (libqrencode, ECC level M, 8-bit mode) as a grid of modules, and its painting as filled
// rectangles, so it stays vector on the PDF and pixel-exact on the receipt.
#pragma once

#include <cairo.h>

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace hk::printer::detail {

class QrSymbol {
  public:
    // Fails (never throws) when the text is too large for any QR version, or holds a NUL byte that would cut
    // it.
    static std::expected<QrSymbol, std::string> encode(std::string_view text);

    [[nodiscard]] int modules() const { return modules_; }  // modules per side, without the quiet zone
    [[nodiscard]] bool dark(int row, int column) const {
        return dark_[static_cast<std::size_t>(row * modules_ + column)];
    }

  private:
    QrSymbol(int modules, std::vector<bool> dark) : modules_(modules), dark_(std::move(dark)) {}

    int modules_;
    std::vector<bool> dark_;
};

// The quiet zone the QR specification asks for on every side, in modules.
inline constexpr int kQrQuietZoneModules = 4;

// Paints the symbol (without its quiet zone) with its top-left corner at (x, y), `module` user units per
// module, in the current source colour. The caller keeps a light quiet zone around it.
void paint_qr(cairo_t* cr, const QrSymbol& symbol, double x, double y, double module);

}  // namespace hk::printer::detail
