// Loads OCRB.otf by path (not by fontconfig family name: "OCR B" also names the Sharp, Oblique and Inverted
// styles, and a wrong style would silently poison the glyph models).
#include "scanner/mrz_ocr/ocrb_font.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <mutex>
#include <string>

namespace hk::scanner::mrz_ocr {

cairo_font_face_t* ocrb_font_face() {
    static std::once_flag once;
    static cairo_font_face_t* face = nullptr;
    std::call_once(once, [] {
        FT_Library library = nullptr;
        if (FT_Init_FreeType(&library) != 0) return;
        FT_Face ft_face = nullptr;
        if (FT_New_Face(library, std::string{kOcrbFontPath}.c_str(), 0, &ft_face) != 0) return;
        // Library and face live as long as the process: the cairo face refers to them.
        face = cairo_ft_font_face_create_for_ft_face(ft_face, 0);
    });
    return face;
}

}  // namespace hk::scanner::mrz_ocr
