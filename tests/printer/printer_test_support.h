// Test support for the printer tests: fresh temporary folders, running poppler's command-line tools on a PDF,
// decoding rendered images into grey pixels, reading a QR code's modules back out of an image, and sample
// documents.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "printer/certificate_document.h"
#include "printer/receipt.h"

namespace hk::printer::testing {

// A new, empty folder under the test temp dir, removed with everything in it when the object goes.
class TempFolder {
  public:
    TempFolder();
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    ~TempFolder();
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

void write_bytes(const std::filesystem::path& file, std::span<const std::uint8_t> bytes);
std::vector<std::uint8_t> read_bytes(const std::filesystem::path& file);

// Runs a shell command and returns what it printed on stdout; nullopt when it exits with a failure.
std::optional<std::string> run(const std::string& command);

// Writes `pdf` into `folder` and runs a poppler tool on it ("pdftotext -enc UTF-8 FILE -", "pdffonts FILE"
// ...): `command` holds FILE where the path goes.
std::optional<std::string> run_on_pdf(const TempFolder& folder, std::span<const std::uint8_t> pdf,
                                      const std::string& command);

// The "Pages:" count that pdfinfo printed; -1 when there is none.
int page_count(const std::string& pdfinfo_output);
// Whether pdffonts listed a font whose name contains `name` as embedded, subset and with a Unicode map (the
// "emb", "sub" and "uni" columns all "yes"), so a viewer shows and a verifier extracts the text on any
// machine.
bool font_embedded(const std::string& pdffonts_output, const std::string& name);

// An image as grey levels, 0 black to 255 white, row by row.
struct GreyImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;

    [[nodiscard]] std::uint8_t at(int x, int y) const {
        return pixels[static_cast<std::size_t>(y * width + x)];
    }
    // Pixels darker than mid-grey in the rectangle [x0, x1) x [y0, y1).
    [[nodiscard]] int dark_pixels(int x0, int y0, int x1, int y1) const;
};

// Decodes PNG bytes with cairo (cairo_image_surface_create_from_png_stream); nullopt if they are not a PNG.
std::optional<GreyImage> decode_png(std::span<const std::uint8_t> png);
// Rasterises page 1 of a PDF with pdftoppm at `dpi` as a grey image.
std::optional<GreyImage> rasterise_pdf(const TempFolder& folder, std::span<const std::uint8_t> pdf, int dpi);

// The modules of a QR code (true = dark), row by row.
using QrModules = std::vector<std::vector<bool>>;
// What libqrencode makes of `text` at ECC level M in 8-bit mode: what a certificate or receipt must show.
QrModules expected_qr(const std::string& text);
// Reads a QR code of `modules` modules per side back out of the image: its top edge is the first dark row in
// the rectangle, whose leftmost and rightmost dark pixels are the corners of the two upper finder patterns.
std::optional<QrModules> read_qr(const GreyImage& image, int modules, int x0, int y0, int x1, int y1);

// A certificate with Chinese, Korean and Latin text, a payload for the QR and a verification code.
CertificateDocument sample_certificate();
Receipt sample_receipt();

}  // namespace hk::printer::testing
