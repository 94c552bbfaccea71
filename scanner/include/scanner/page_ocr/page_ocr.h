// Page OCR through Tesseract: a few workers, each holding one initialised Tesseract engine for its whole
// life, read the bands (or the given regions) of a page in parallel and return the text with page-absolute
// boxes.
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "scanner/image.h"
#include "scanner/page_ocr/ocr_text.h"

namespace hk::scanner {

struct PageOcrOptions {
    std::string languages = "chi_sim+eng";  // Tesseract's "+"-joined language names
    std::string tessdata_dir = "/usr/share/tesseract-ocr/5/tessdata";  // empty: Tesseract's own default
    int workers = 2;                                                   // the kiosk's cores
    // With several languages Tesseract sometimes lets the Latin model take a short CJK line ("姓名 王洋" read
    // as "姓名 XING"); such a line (a Latin word under 80 % confidence) is read again by the first language
    // alone. Costs a second engine per worker and, on those lines only, a second read.
    bool second_reading = true;
};

enum class PageOcrFault {
    EngineInitFailed,   // a language's traineddata is missing or unreadable
    BadImage,           // not an 8-bit grey or RGB image, or its pixels do not match its size
    RecognitionFailed,  // Tesseract gave up on a band or region
};

struct PageOcrError {
    PageOcrFault fault = PageOcrFault::RecognitionFailed;
    std::string message;
};

// Thread-safe: concurrent recognise() calls queue for the same workers.
class PageOcr {
  public:
    // Starts the workers and initialises every engine before returning, so a missing language is an error
    // here rather than at the first page.
    static std::expected<std::unique_ptr<PageOcr>, PageOcrError> create(const PageOcrOptions& options = {});

    ~PageOcr();
    PageOcr(const PageOcr&) = delete;
    PageOcr& operator=(const PageOcr&) = delete;

    // With regions, only those rectangles (clipped to the image) are read; without, the page is cut into
    // horizontal bands at blank rows between text lines and the bands are shared among the workers. A page
    // without text gives an empty page. Lines come top to bottom, then left to right.
    [[nodiscard]] std::expected<OcrPage, PageOcrError> recognise(
        const Image& image, const std::vector<PixelBox>& regions = {}) const;

    [[nodiscard]] int workers() const;

    struct Impl;

  private:
    explicit PageOcr(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The rows where a page can be cut without cutting through text: [top, bottom) bands that cover every inked
// row, each cut in the middle of a blank gap. At most max_bands bands of roughly equal ink. Exposed for
// tests.
std::vector<PixelBox> split_into_bands(const Image& image, int max_bands);

}  // namespace hk::scanner
