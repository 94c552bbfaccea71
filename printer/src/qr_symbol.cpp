#include "qr_symbol.h"

#include <cerrno>
#include <utility>

#include "cairo_handles.h"

namespace hk::printer::detail {

std::expected<QrSymbol, std::string> QrSymbol::encode(std::string_view text) {
    if (text.empty()) return std::unexpected("QR payload is empty");
    // libqrencode takes a C string: an embedded NUL would silently drop the rest of a signed payload.
    if (text.find('\0') != std::string_view::npos) return std::unexpected("QR payload contains a NUL byte");

    const std::string terminated(text);
    errno = 0;
    const QrCodeHandle code(QRcode_encodeString(terminated.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code) {
        if (errno == ERANGE) {
            return std::unexpected("QR payload of " + std::to_string(text.size()) +
                                   " bytes is too large for a QR code at ECC level M");
        }
        return std::unexpected("QR encoding failed (errno " + std::to_string(errno) + ")");
    }

    const int modules = code->width;
    std::vector<bool> dark(static_cast<std::size_t>(modules * modules));
    for (std::size_t i = 0; i < dark.size(); ++i) {
        // Bit 0 of each byte is the module colour; the other bits describe what the module is for.
        dark[i] = (code->data[i] & 1U) != 0;
    }
    return QrSymbol(modules, std::move(dark));
}

void paint_qr(cairo_t* cr, const QrSymbol& symbol, double x, double y, double module) {
    // One rectangle per horizontal run of dark modules: fewer path operations, and no hairline seams between
    // neighbouring modules when the PDF is rasterised with anti-aliasing.
    for (int row = 0; row < symbol.modules(); ++row) {
        int column = 0;
        while (column < symbol.modules()) {
            if (!symbol.dark(row, column)) {
                ++column;
                continue;
            }
            const int run_start = column;
            while (column < symbol.modules() && symbol.dark(row, column)) ++column;
            cairo_rectangle(cr, x + run_start * module, y + row * module, (column - run_start) * module,
                            module);
        }
    }
    cairo_fill(cr);
}

}  // namespace hk::printer::detail
