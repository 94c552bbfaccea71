// Pictures for the print head: 1-bit bitmaps and their GS v 0 encoding, and the pictures the encoder needs
// when the printer cannot draw something itself (a line its font lacks, a QR code without GS ( k).
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "commands.h"
#include "printer/receipt.h"

namespace hk::printer::escpos {

struct Bitmap {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> dots;  // row by row, one byte per dot, non-zero = ink
};

// GS v 0 (normal density), in bands the printer's buffer takes; rows padded to whole bytes with no ink.
void write_raster(command::Writer& out, const Bitmap& bitmap);

// One receipt line drawn with the receipt's fonts (Noto Sans CJK) across `paper_width` dots, wrapped and
// aligned as the line says.
std::expected<Bitmap, std::string> render_line(const ReceiptLine& line, int paper_width);

// The QR code of `text` (libqrencode, ECC M, as the certificate's) with its quiet zone, centred across the
// paper, in whole dots per module.
std::expected<Bitmap, std::string> render_qr(const std::string& text, int paper_width);

// The logo centred across the paper.
Bitmap centred_logo(const ReceiptLogo& logo, int paper_width);

// Dots per QR module for a symbol of `modules` modules on this paper: as large as fits, at most 6.
int qr_module_size(int modules, int paper_width);

}  // namespace hk::printer::escpos
