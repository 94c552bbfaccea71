// Cleaning and validating a value once it is found: per kind (name, identity number, date, ...), what it
// normalises to, whether it is valid, and how sure we are, combining the OCR's confidence with the check
// passed.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "scanner/fields/document_template.h"
#include "scanner/fields/extraction.h"

namespace hk::scanner::fields::detail {

struct Judgement {
    std::string value;
    FieldStatus status = FieldStatus::Ok;
    double confidence = 0.0;  // 0..1, before the caller's doubtful threshold is applied
    std::string reason;       // never contains the value
};

// The punctuation between a label and its value (colons, commas, an underline).
bool is_leading_noise(char32_t c);

// Trims punctuation and spaces from the ends, removes the spaces OCR puts between CJK characters and between
// digits, and narrows full-width forms.
std::u32string cleaned_value(std::u32string text);

// `ocr` is the value's OCR confidence, 0..1. `birth_date_hint` (YYYYMMDD, may be empty) narrows the repairs
// of an identity number that fails its check.
Judgement judge(const FieldSpec& spec, const std::u32string& text, double ocr,
                std::string_view birth_date_hint, std::chrono::year_month_day today);

}  // namespace hk::scanner::fields::detail
