// Reads a screen title back with Tesseract, to catch glyphs the font lacks (tofu) and text cut off by the
// layout: what the citizen can read should be what the view says.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "grey_image.h"

namespace tesseract {
class TessBaseAPI;
}

namespace hk::ui_screens {

// Tesseract's languages for the scripts in `text`: chi_sim for Han, kor for Hangul, eng for Latin letters,
// joined with '+' when a title mixes them ("请选择语言 · Choose a language · 언어 선택").
std::string tesseract_languages_for(std::string_view text);

// One engine per language set, opened on first use and kept alive: opening costs far more than reading a
// title. Used on the thread that made it.
class TitleReader {
  public:
    TitleReader();
    ~TitleReader();
    TitleReader(const TitleReader&) = delete;
    TitleReader& operator=(const TitleReader&) = delete;

    // The text Tesseract finds in `image`, read as one block in `languages`; empty when the engine cannot
    // start (the failure is in `error()`).
    std::string read(const GreyImage& image, const std::string& languages);
    [[nodiscard]] const std::string& error() const { return error_; }

  private:
    tesseract::TessBaseAPI* engine(const std::string& languages);

    std::map<std::string, std::unique_ptr<tesseract::TessBaseAPI>> engines_;
    std::string error_;
};

// 1 - (edit distance on Unicode characters) / (length of the longer), whitespace ignored and full-width
// ASCII folded to ASCII (Tesseract writes either): 1 for the same text, 0 for nothing in common.
double text_similarity(std::string_view expected, std::string_view read);

}  // namespace hk::ui_screens
