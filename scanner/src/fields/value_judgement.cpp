#include "value_judgement.h"

#include <algorithm>

#include "drivers/resident_id_reader.h"
#include "page_text.h"
#include "scanner/fields/values.h"

namespace hk::scanner::fields::detail {

bool is_leading_noise(char32_t c) {
    return c == U':' || c == U';' || c == U',' || c == U'.' || c == U'、' || c == U'，' || c == U'。' ||
           c == U'；' || c == U'_' || c == U'|';
}

namespace {

std::u32string trimmed(std::u32string text) {
    const auto noise = [](char32_t c) { return is_space(c) || is_leading_noise(c); };
    while (!text.empty() && noise(text.back())) text.pop_back();
    std::size_t i = 0;
    while (i < text.size() && noise(text[i])) ++i;
    return text.substr(i);
}

// OCR puts spaces between CJK characters and between the digits of a number; a space is kept only between
// two Latin words.
std::u32string without_cjk_spaces(const std::u32string& text) {
    const auto digit = [](char32_t c) { return c >= U'0' && c <= U'9'; };
    std::u32string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = narrow(text[i]);
        if (is_space(c) || c == U' ') {
            if (out.empty() || out.back() == U' ' || is_cjk(out.back())) continue;
            std::size_t j = i + 1;
            while (j < text.size() && (is_space(text[j]) || narrow(text[j]) == U' ')) ++j;
            if (j >= text.size()) continue;
            const char32_t next = narrow(text[j]);
            if (!is_cjk(next) && !(digit(out.back()) && digit(next))) out.push_back(U' ');
            continue;
        }
        out.push_back(c);
    }
    return out;
}

Judgement invalid(std::string reason) {
    return {"", FieldStatus::Invalid, 0.0, std::move(reason)};
}

// How much a passed check raises confidence: the share of the OCR's doubt that remains.
double raised(double ocr, double remaining_doubt) {
    return 1.0 - remaining_doubt * (1.0 - ocr);
}

Judgement judge_text(const std::u32string& text, double ocr) {
    return {encode_utf8(text), FieldStatus::Ok, ocr, ""};
}

Judgement judge_name(const std::u32string& text, double ocr) {
    std::u32string name;
    std::size_t cjk = 0;
    for (char32_t c : text) {
        if (c == U'•' || c == U'・' || c == U'.' || c == 0x00B7)
            c = 0x00B7;  // the middle dot of 阿依古丽·买买提
        const bool latin = (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c == U' ' || c == U'-';
        const bool ideograph = is_cjk(c) && !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFF00 && c <= 0xFFEF);
        if (!latin && !ideograph && c != 0x00B7) return invalid("contains characters a name cannot have");
        if (ideograph) ++cjk;
        name.push_back(c);
    }
    Judgement judgement{encode_utf8(name), FieldStatus::Ok, ocr, ""};
    if (cjk == 1 && name.size() == 1) {
        judgement.confidence = std::min(ocr, 0.5);
        judgement.reason = "a one-character name is unusual";
    }
    return judgement;
}

Judgement judge_sex(const std::u32string& text, double ocr) {
    std::u32string lower;
    for (char32_t c : text) lower.push_back(c >= U'A' && c <= U'Z' ? c - U'A' + U'a' : c);
    if (lower.starts_with(U"男") || lower == U"male" || lower == U"m")
        return {"男", FieldStatus::Ok, raised(ocr, 0.5), ""};
    if (lower.starts_with(U"女") || lower == U"female" || lower == U"f")
        return {"女", FieldStatus::Ok, raised(ocr, 0.5), ""};
    return invalid("not 男 or 女");
}

Judgement judge_document_number(const std::u32string& text, double ocr) {
    std::u32string number;
    std::size_t digits = 0;
    for (char32_t c : text) {
        if (c == U' ') continue;
        if (c >= U'a' && c <= U'z') c = c - U'a' + U'A';
        if (c >= U'0' && c <= U'9') ++digits;
        const bool allowed = (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') || c == U'-' ||
                             (is_cjk(c) && !(c >= 0x3000 && c <= 0x303F));
        if (!allowed) return invalid("contains characters a document number cannot have");
        number.push_back(c);
    }
    if (digits < 3) return invalid("too few digits for a document number");
    return {encode_utf8(number), FieldStatus::Ok, ocr, ""};
}

bool after_today(std::chrono::year_month_day date, std::chrono::year_month_day today) {
    return today.ok() && std::chrono::sys_days{date} > std::chrono::sys_days{today};
}

Judgement judge_date(const std::string& text, double ocr, const FieldSpec& spec,
                     std::chrono::year_month_day today) {
    const auto dates = find_dates(text);
    if (dates.empty())
        return invalid("no date in a known form (2019年03月12日, 2019-03-12, 2019.03.12, 20190312)");
    const auto date = calendar_date(dates.front());
    if (!date) return invalid("not a real calendar date");
    if (!spec.future_allowed && after_today(*date, today)) return invalid("lies after today");
    return {iso_date(*date), FieldStatus::Ok, raised(ocr, 0.8), ""};
}

Judgement judge_period(const std::string& text, double ocr, const FieldSpec& spec,
                       std::chrono::year_month_day today) {
    const auto dates = find_dates(text);
    const bool open_ended = text.find("无固定期限") != std::string::npos;
    if (dates.empty() || (dates.size() < 2 && !open_ended)) return invalid("not two dates (start 至 end)");
    const auto start = calendar_date(dates[0]);
    if (!start) return invalid("start is not a real calendar date");
    if (!spec.future_allowed && after_today(*start, today)) return invalid("start lies after today");
    if (dates.size() < 2) return {iso_date(*start) + "/", FieldStatus::Ok, raised(ocr, 0.8), ""};
    const auto end = calendar_date(dates[1]);
    if (!end) return invalid("end is not a real calendar date");
    if (std::chrono::sys_days{*end} < std::chrono::sys_days{*start}) return invalid("ends before it starts");
    return {iso_date(*start) + "/" + iso_date(*end), FieldStatus::Ok, raised(ocr, 0.8), ""};
}

// The longest run of characters that can belong to an identity number (digits and the letters OCR confuses
// with them), after spaces are removed.
std::string id_like_run(const std::u32string& text) {
    std::u32string best;
    std::u32string run;
    for (char32_t c : text) {
        c = narrow(c);
        if (is_space(c) || c == U' ') continue;
        const bool id_like = (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') ||
                             (c >= U'a' && c <= U'z') || c == U'|' || c == 0x00D7;
        if (id_like) {
            run.push_back(c);
            if (run.size() > best.size()) best = run;
        } else {
            run.clear();
        }
    }
    return encode_utf8(best);
}

Judgement judge_id_number(const std::u32string& text, double ocr, std::string_view birth_date_hint,
                          std::chrono::year_month_day today) {
    const std::string read = id_like_run(text);
    std::string number = clean_id_number(read);
    if (number.size() != 18) {
        return invalid("expected 18 characters, read " + std::to_string(number.size()));
    }
    if (!std::all_of(number.begin(), number.begin() + 17, [](char c) { return c >= '0' && c <= '9'; }) ||
        !((number[17] >= '0' && number[17] <= '9') || number[17] == 'X')) {
        return invalid("contains characters an identity number cannot have");
    }
    const std::string letters_fixed = number != read ? "letters read as digits were corrected" : "";
    const auto born_in_future = [&](const std::string& n) {
        const auto birth = calendar_date(DateInText{std::stoi(n.substr(6, 4)), std::stoi(n.substr(10, 2)),
                                                    std::stoi(n.substr(12, 2)), 0, 0});
        return birth && after_today(*birth, today);
    };
    if (drivers::is_valid_resident_id_number(number)) {
        if (born_in_future(number)) return invalid("the birth date inside the number lies after today");
        return {number, FieldStatus::Ok, raised(ocr, 0.1), letters_fixed};
    }
    std::vector<std::string> repairs = id_number_repairs(number, birth_date_hint);
    std::erase_if(repairs, born_in_future);
    if (repairs.size() == 1) {
        return {
            repairs.front(), FieldStatus::Doubtful, std::min(ocr, 0.6),
            "check character did not match; one digit corrected as a likely OCR confusion, please confirm"};
    }
    if (repairs.empty()) return invalid("check character does not match (GB 11643)");
    return invalid("check character does not match (GB 11643); " + std::to_string(repairs.size()) +
                   " one-digit corrections are possible, none preferred");
}

}  // namespace

std::u32string cleaned_value(std::u32string text) {
    return without_cjk_spaces(trimmed(std::move(text)));
}

Judgement judge(const FieldSpec& spec, const std::u32string& text, double ocr,
                std::string_view birth_date_hint, std::chrono::year_month_day today) {
    switch (spec.kind) {
        case ValueKind::Text:
            return judge_text(text, ocr);
        case ValueKind::CjkName:
            return judge_name(text, ocr);
        case ValueKind::Sex:
            return judge_sex(text, ocr);
        case ValueKind::DocumentNumber:
            return judge_document_number(text, ocr);
        case ValueKind::Date:
            return judge_date(encode_utf8(text), ocr, spec, today);
        case ValueKind::ContractPeriod:
            return judge_period(encode_utf8(text), ocr, spec, today);
        case ValueKind::IdNumber:
            return judge_id_number(text, ocr, birth_date_hint, today);
    }
    return invalid("unknown kind");
}

}  // namespace hk::scanner::fields::detail
