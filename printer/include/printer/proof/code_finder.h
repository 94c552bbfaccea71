// Finds proof codes on paper: QR codes in a photo or scan (PNG/JPEG), on the pages of a PDF, or the raw
// payload text in a file. Decoding uses zxing-cpp; PDF pages are rasterised with poppler.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace hk::printer::proof {

// 8-bit grey pixels, row after row.
struct GreyImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;
};

// Every QR code's text in the image, in the order zxing finds them (rotated and skewed codes included).
std::vector<std::string> qr_texts_in(const GreyImage& image);

std::expected<GreyImage, std::string> load_image_file(const std::filesystem::path& file);
// Every page of the PDF at `dpi`; 150 dpi gives a 4-pixel module for a version-10 code on A4.
std::expected<std::vector<GreyImage>, std::string> rasterise_pdf(std::span<const std::uint8_t> pdf,
                                                                 int dpi = 150);

// What a file holds, by its first bytes: a PDF, a PNG or JPEG image, or else text with one payload.
// Returns every proof-code candidate found (QR texts or the trimmed text); empty when none was found.
std::expected<std::vector<std::string>, std::string> proof_codes_in_file(const std::filesystem::path& file);

}  // namespace hk::printer::proof
