// The OCR-B face from Debian's fonts-ocr-b, loaded once per process through FreeType, for the glyph models of
// the recogniser and for the test-image generator (both must draw exactly the same glyphs).
#pragma once

#include <cairo.h>

#include <string_view>

namespace hk::scanner::mrz_ocr {

inline constexpr std::string_view kOcrbFontPath = "/usr/share/fonts/opentype/ocr-b/OCRB.otf";

// A cairo face for OCRB.otf, owned by the process (never destroy it); nullptr when the font is not installed.
cairo_font_face_t* ocrb_font_face();

}  // namespace hk::scanner::mrz_ocr
