#include "drivers/ga467/text_block.h"

#include <algorithm>
#include <optional>

#include "drivers/ga467/nation_codes.h"
#include "drivers/ga467/ucs2.h"
#include "drivers/personal_string.h"

namespace hk::drivers::ga467 {

namespace {

constexpr std::string_view kLongTerm = "长期";

// A std::string holding card text that wipes itself: decoding passes through several of them.
class WipedText {
  public:
    explicit WipedText(std::string text) : text_(std::move(text)) {}
    WipedText(const WipedText&) = delete;
    WipedText& operator=(const WipedText&) = delete;
    ~WipedText() { wipe_bytes(text_.data(), text_.size()); }
    [[nodiscard]] std::string_view view() const { return text_; }

  private:
    std::string text_;
};

std::optional<WipedText> field_text(std::span<const std::uint8_t> block, TextField field) {
    std::optional<std::string> text = card_text_to_utf8(block.subspan(field.offset, field.size));
    if (!text) return std::nullopt;
    return std::optional<WipedText>(std::in_place, std::move(*text));
}

bool all_digits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number_at(std::string_view text, std::size_t offset, std::size_t count) {
    int value = 0;
    for (std::size_t i = offset; i < offset + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
}

std::optional<std::string_view> sex_as_printed(std::string_view code) {
    if (code == "1") return "男";
    if (code == "2") return "女";
    if (code == "0") return "未知";
    if (code == "9") return "未说明";
    return std::nullopt;
}

}  // namespace

const char* describe(CardRule rule) {
    switch (rule) {
        case CardRule::BlockSize:
            return "text block is not 256 bytes";
        case CardRule::TextEncoding:
            return "text block field is not valid UCS-2";
        case CardRule::NameMissing:
            return "name field is empty";
        case CardRule::SexCode:
            return "sex code is not a GB/T 2261.1 code";
        case CardRule::NationCode:
            return "nationality code is not a GB 3304 code";
        case CardRule::BirthDate:
            return "birth date is not a real date";
        case CardRule::IdNumber:
            return "ID number fails GB 11643 (form, date or MOD 11-2 check character)";
        case CardRule::BirthDateMismatch:
            return "birth date in the ID number differs from the birth date field";
        case CardRule::SexMismatch:
            return "sex digit of the ID number contradicts the sex field";
        case CardRule::ValidFrom:
            return "valid-from date is not a real date";
        case CardRule::ValidUntil:
            return "valid-until is neither a real date nor long-term";
        case CardRule::ValidityOrder:
            return "valid-until date is before valid-from date";
    }
    return "text block rule broken";
}

bool is_real_date(std::string_view date) {
    if (date.size() != 8 || !all_digits(date)) return false;
    const int year = number_at(date, 0, 4);
    const int month = number_at(date, 4, 2);
    const int day = number_at(date, 6, 2);
    if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
    constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days = (month == 2 && leap) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
    return day <= days;
}

std::expected<ResidentIdCard, CardRule> decode_text_block(std::span<const std::uint8_t> block) {
    if (block.size() != kTextBlockSize) return std::unexpected(CardRule::BlockSize);
    auto name = field_text(block, kNameField);
    auto sex = field_text(block, kSexField);
    auto nation = field_text(block, kNationField);
    auto birth = field_text(block, kBirthField);
    auto address = field_text(block, kAddressField);
    auto id = field_text(block, kIdNumberField);
    auto authority = field_text(block, kAuthorityField);
    auto from = field_text(block, kValidFromField);
    auto until = field_text(block, kValidUntilField);
    if (!name || !sex || !nation || !birth || !address || !id || !authority || !from || !until)
        return std::unexpected(CardRule::TextEncoding);

    if (name->view().empty()) return std::unexpected(CardRule::NameMissing);
    const std::optional<std::string_view> sex_printed = sex_as_printed(sex->view());
    if (!sex_printed) return std::unexpected(CardRule::SexCode);
    const std::optional<std::string_view> nation_printed = nation_name(nation->view());
    if (!nation_printed) return std::unexpected(CardRule::NationCode);
    if (!is_real_date(birth->view())) return std::unexpected(CardRule::BirthDate);
    if (!is_valid_resident_id_number(id->view())) return std::unexpected(CardRule::IdNumber);
    if (id->view().substr(6, 8) != birth->view()) return std::unexpected(CardRule::BirthDateMismatch);
    // GB 11643: the 17th character's parity gives the sex. Codes 0 and 9 (unknown, not stated) have no
    // parity to compare with.
    const bool odd = (id->view()[16] - '0') % 2 == 1;
    if ((sex->view() == "1" && !odd) || (sex->view() == "2" && odd))
        return std::unexpected(CardRule::SexMismatch);
    if (!is_real_date(from->view())) return std::unexpected(CardRule::ValidFrom);
    const bool long_term = until->view() == kLongTerm;
    if (!long_term && !is_real_date(until->view())) return std::unexpected(CardRule::ValidUntil);
    // Same-length digit strings compare in date order.
    if (!long_term && until->view() < from->view()) return std::unexpected(CardRule::ValidityOrder);

    ResidentIdCard card;
    card.name = PersonalString(name->view());
    card.sex = PersonalString(*sex_printed);
    card.ethnicity = PersonalString(*nation_printed);
    card.birth_date = PersonalString(birth->view());
    card.address = PersonalString(address->view());
    card.id_number = PersonalString(id->view());
    card.issuing_authority = PersonalString(authority->view());
    card.valid_from = PersonalString(from->view());
    card.valid_until = PersonalString(until->view());
    return card;
}

std::expected<std::array<std::uint8_t, kTextBlockSize>, std::string> encode_text_block(
    const TextBlockFields& fields) {
    std::array<std::uint8_t, kTextBlockSize> block{};
    // Spaces everywhere first: unused bytes of every field (and the reserved tail) are padding.
    for (std::size_t i = 0; i < block.size(); i += 2) block[i] = 0x20;
    const auto put = [&](std::string_view text, TextField field,
                         const char* what) -> std::optional<std::string> {
        std::optional<std::vector<std::uint8_t>> units = utf8_to_card_text(text);
        if (!units) return std::string(what) + " is not UTF-8";
        if (units->size() > field.size) return std::string(what) + " does not fit its field";
        std::copy(units->begin(), units->end(), block.begin() + static_cast<std::ptrdiff_t>(field.offset));
        wipe_bytes(units->data(), units->size());
        return std::nullopt;
    };
    const std::optional<std::string> problems[] = {
        put(fields.name, kNameField, "name"),
        put(fields.sex_code, kSexField, "sex code"),
        put(fields.nation_code, kNationField, "nation code"),
        put(fields.birth_date, kBirthField, "birth date"),
        put(fields.address, kAddressField, "address"),
        put(fields.id_number, kIdNumberField, "ID number"),
        put(fields.issuing_authority, kAuthorityField, "issuing authority"),
        put(fields.valid_from, kValidFromField, "valid from"),
        put(fields.valid_until, kValidUntilField, "valid until"),
    };
    for (const std::optional<std::string>& problem : problems) {
        if (problem) return std::unexpected(*problem);
    }
    return block;
}

}  // namespace hk::drivers::ga467
