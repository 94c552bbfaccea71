// The text a page OCR engine found on a page, with where it found it: what field extraction reads. Kept apart
// from the engine so extraction can be tested on hand-built pages and the engine on rendered ones.
#pragma once

#include <string>
#include <vector>

namespace hk::scanner {

// Pixel rectangle in the page image the text came from (x, y = top-left corner).
struct PixelBox {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

struct OcrWord {
    std::string text;  // UTF-8; a CJK "word" may be a single character
    PixelBox box;
    float confidence = 0.0F;  // 0..100, as Tesseract reports it
};

struct OcrLine {
    std::string text;  // the words joined as the engine read them (no spaces between CJK characters)
    PixelBox box;
    float confidence = 0.0F;  // 0..100: the mean of its words' confidences
    std::vector<OcrWord> words;
};

struct OcrPage {
    int width = 0;  // of the image that was read, in pixels
    int height = 0;
    int dpi = 0;                 // 0 when unknown
    std::vector<OcrLine> lines;  // top to bottom, then left to right
};

}  // namespace hk::scanner
