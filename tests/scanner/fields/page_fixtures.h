// Hand-built OCR pages of the four supporting documents, laid out the way the printed forms are, with the
// values the page carries (so tests compare what extraction reads with what is printed, not with constants).
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "scanner/page_ocr/ocr_text.h"

namespace hk::scanner::fields::testing {

// A piece of text the OCR engine returned as one word, starting at pixel x.
struct Piece {
    std::string text;
    int x = 0;
    float confidence = 95.0F;
};

// Builds pages line by line: each CJK character is 40 px wide, each ASCII one 20 px, lines 40 px high.
class PageBuilder {
  public:
    PageBuilder(int width, int height) {
        page_.width = width;
        page_.height = height;
        page_.dpi = 300;
    }
    PageBuilder& line(int y, const std::vector<Piece>& pieces);
    [[nodiscard]] const OcrPage& page() const { return page_; }

  private:
    OcrPage page_;
};

// A valid GB 11643 number: the 17 digits given and their check character.
std::string id_number(const std::string& first17);

// The date every fixture is read on.
inline constexpr std::chrono::year_month_day kToday{std::chrono::year{2024}, std::chrono::June,
                                                    std::chrono::day{1}};

struct Specimen {
    std::string type;
    OcrPage page;
    std::map<std::string, std::string> printed;  // field id -> the value as extraction should return it
};

// Values the specimens print; tests vary them to build faulty pages.
struct HouseholdValues {
    std::string name = "王小明";
    std::string name_label = "姓名";
    std::string id_label = "公民身份号码";
    std::string id_as_printed = id_number("11010119900307123");
    std::string birth_date = "1990年03月07日";
    std::string entry_date = "2015年06月18日";
    std::string address = "北京市东城区东华门街道南池子大街12号";
    float address_confidence = 93.0F;
    float id_confidence = 94.0F;
};

Specimen household_register_page(const HouseholdValues& values = {});
Specimen marriage_certificate();
Specimen university_admission_notice();
Specimen employment_contract(const std::string& period = "2023年1月1日至2025年12月31日");
OcrPage unrelated_page();  // an electricity bill

}  // namespace hk::scanner::fields::testing
