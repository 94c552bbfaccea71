#include "printer/proof/code_finder.h"

#define ZX_USE_UTF8 1  // zxing-cpp 1.4: Result::text() as UTF-8 std::string
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <ZXing/ReadBarcode.h>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <fstream>
#include <memory>

namespace hk::printer::proof {
namespace {

// ITU-R BT.601 luma in integers, as zxing computes it.
std::uint8_t luma(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    return static_cast<std::uint8_t>((306 * r + 601 * g + 117 * b + 512) >> 10);
}

std::expected<std::vector<std::uint8_t>, std::string> read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::unexpected("cannot read " + file.string());
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

bool starts_with(const std::vector<std::uint8_t>& bytes, std::string_view magic) {
    return bytes.size() >= magic.size() &&
           std::equal(magic.begin(), magic.end(), bytes.begin(),
                      [](char m, std::uint8_t b) { return static_cast<std::uint8_t>(m) == b; });
}

std::string trimmed_text(const std::vector<std::uint8_t>& bytes) {
    std::string text(bytes.begin(), bytes.end());
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

}  // namespace

std::vector<std::string> qr_texts_in(const GreyImage& image) {
    if (image.width <= 0 || image.height <= 0 ||
        image.pixels.size() <
            static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height)) {
        return {};
    }
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(true);
    hints.setTryRotate(true);
    const ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
    std::vector<std::string> texts;
    for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints)) {
        if (result.isValid()) texts.push_back(result.text());
    }
    return texts;
}

std::expected<GreyImage, std::string> load_image_file(const std::filesystem::path& file) {
    std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> loaded(IMG_Load(file.c_str()), SDL_FreeSurface);
    if (!loaded) return std::unexpected("cannot decode image " + file.string() + ": " + IMG_GetError());
    std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> rgb(
        SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_RGB24, 0), SDL_FreeSurface);
    if (!rgb) return std::unexpected(std::string("cannot convert image: ") + SDL_GetError());
    GreyImage grey{rgb->w, rgb->h, {}};
    grey.pixels.resize(static_cast<std::size_t>(rgb->w) * static_cast<std::size_t>(rgb->h));
    const auto* base = static_cast<const std::uint8_t*>(rgb->pixels);
    for (int y = 0; y < rgb->h; ++y) {
        const std::uint8_t* row = base + static_cast<std::ptrdiff_t>(y) * rgb->pitch;
        for (int x = 0; x < rgb->w; ++x) {
            grey.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(rgb->w) +
                        static_cast<std::size_t>(x)] = luma(row[3 * x], row[3 * x + 1], row[3 * x + 2]);
        }
    }
    return grey;
}

std::expected<std::vector<GreyImage>, std::string> rasterise_pdf(std::span<const std::uint8_t> pdf, int dpi) {
    // poppler prints its parse errors on stderr; a hostile or broken file is answered by our own message.
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    // poppler copies nothing: the bytes must outlive the document, which they do within this call.
    std::unique_ptr<poppler::document> document(poppler::document::load_from_raw_data(
        reinterpret_cast<const char*>(pdf.data()), static_cast<int>(pdf.size())));
    if (!document || document->is_locked()) return std::unexpected("not a readable PDF");
    poppler::page_renderer renderer;
    renderer.set_render_hints(poppler::page_renderer::antialiasing |
                              poppler::page_renderer::text_antialiasing);
    renderer.set_image_format(poppler::image::format_gray8);
    std::vector<GreyImage> pages;
    const int count = document->pages();
    for (int index = 0; index < count; ++index) {
        std::unique_ptr<poppler::page> page(document->create_page(index));
        if (!page) continue;
        const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
        if (!image.is_valid() || image.format() != poppler::image::format_gray8) continue;
        GreyImage grey{image.width(), image.height(), {}};
        grey.pixels.resize(static_cast<std::size_t>(grey.width) * static_cast<std::size_t>(grey.height));
        for (int y = 0; y < grey.height; ++y) {
            const char* row = image.const_data() + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row();
            std::copy_n(reinterpret_cast<const std::uint8_t*>(row), grey.width,
                        grey.pixels.begin() + static_cast<std::ptrdiff_t>(y) * grey.width);
        }
        pages.push_back(std::move(grey));
    }
    if (pages.empty()) return std::unexpected("the PDF has no page that renders");
    return pages;
}

std::expected<std::vector<std::string>, std::string> proof_codes_in_file(const std::filesystem::path& file) {
    auto bytes = read_file(file);
    if (!bytes) return std::unexpected(bytes.error());
    if (starts_with(*bytes, "%PDF-")) {
        auto pages = rasterise_pdf(*bytes);
        if (!pages) return std::unexpected(pages.error());
        std::vector<std::string> codes;
        for (const GreyImage& page : *pages) {
            for (std::string& text : qr_texts_in(page)) codes.push_back(std::move(text));
        }
        return codes;
    }
    if (starts_with(*bytes, "\x89PNG") || starts_with(*bytes, "\xFF\xD8\xFF")) {
        auto image = load_image_file(file);
        if (!image) return std::unexpected(image.error());
        return qr_texts_in(*image);
    }
    std::string text = trimmed_text(*bytes);
    if (text.empty()) return std::vector<std::string>{};
    return std::vector<std::string>{std::move(text)};
}

}  // namespace hk::printer::proof
