// Generated household-register-like pages (Chinese and English) with their truth: each line's text and the
// box it was drawn in, rendered by Pango and Cairo in Noto CJK SC. Everything is a pure function of the seed.
// The page-OCR tests and benchmark read them; the simulated scanner lays them on its glass (Simulation).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scanner/image.h"
#include "scanner/page_ocr/ocr_text.h"

namespace hk::scanner::sim {

struct PageOptions {
    int width = 2480;  // A4 at 300 dpi
    int height = 3508;
    int dpi = 300;
    int lines = 0;  // body lines after the title; 0 = as many as fit
    double point_size = 11;
    bool degrade = false;  // sensor noise and a slight blur
};

struct TruthLine {
    std::string text;
    PixelBox box;  // the ink, in page pixels
};

struct GeneratedPage {
    Image image;                   // grey
    std::vector<TruthLine> lines;  // top to bottom (the title first)
};

GeneratedPage generate_page(std::uint64_t seed, const PageOptions& options = {});

// Renders the given lines at the given top-left corners (in pixels), nothing else: for placing text exactly.
struct PlacedText {
    std::string text;
    int x = 0;
    int y = 0;
};
GeneratedPage render_lines(const std::vector<PlacedText>& texts, const PageOptions& options);

// One person's household register card (常住人口登记卡), with the labels the household register template
// looks for, 1800x1100 pixels at 300 dpi. Dates as printed: "1990年05月17日".
struct RegisterCard {
    std::string name;
    std::string relation;  // to the head of household: 户主, 子, ...
    std::string ethnicity;
    std::string birth_date;
    std::string id_number;
    std::string address;
    std::string date_of_entry;
};
GeneratedPage render_register_card(const RegisterCard& card);

// Character error rate: edit distance over Unicode code points divided by the truth's length, whitespace
// ignored on both sides (where Tesseract puts word breaks in Chinese is not content).
double character_error_rate(const std::string& truth, const std::string& read);

// The code points of UTF-8 text.
std::u32string code_points(const std::string& text);

}  // namespace hk::scanner::sim
