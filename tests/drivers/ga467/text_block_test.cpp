#include <gtest/gtest.h>

#include <set>

#include "card_fixtures.h"
#include "drivers/ga467/nation_codes.h"
#include "drivers/ga467/text_block.h"
#include "drivers/ga467/ucs2.h"

namespace hk::drivers::ga467 {
namespace {

using Bytes = std::vector<std::uint8_t>;
using test::valid_fields;

std::expected<ResidentIdCard, CardRule> decode(const TextBlockFields& fields) {
    const auto block = encode_text_block(fields);
    if (!block) ADD_FAILURE() << block.error();
    return decode_text_block(*block);
}

CardRule broken_rule(const TextBlockFields& fields) {
    const auto card = decode(fields);
    if (card) {
        ADD_FAILURE() << "the block decoded";
        return CardRule::BlockSize;
    }
    return card.error();
}

TEST(Ga467Ucs2, DecodesLittleEndianTextAndStripsPadding) {
    // 张 U+5F20, 三 U+4E09, then space padding and a NUL.
    const Bytes text{0x20, 0x5F, 0x09, 0x4E, 0x20, 0x00, 0x20, 0x00, 0x00, 0x00};
    EXPECT_EQ(card_text_to_utf8(text), "张三");
    EXPECT_EQ(card_text_to_utf8(Bytes{0x41, 0x00, 0x00, 0x00, 0x42, 0x00}), "A");  // nothing after a NUL
    EXPECT_EQ(card_text_to_utf8(Bytes{}), "");
}

TEST(Ga467Ucs2, DecodesSurrogatePairsAndRefusesLoneOnes) {
    // U+20BB7 (𠮷, a rare given-name character) = D842 DFB7.
    EXPECT_EQ(card_text_to_utf8(Bytes{0x42, 0xD8, 0xB7, 0xDF}), "\xF0\xA0\xAE\xB7");
    EXPECT_FALSE(card_text_to_utf8(Bytes{0x42, 0xD8, 0x41, 0x00}));
    EXPECT_FALSE(card_text_to_utf8(Bytes{0xB7, 0xDF}));
    EXPECT_FALSE(card_text_to_utf8(Bytes{0x41}));  // odd length
}

TEST(Ga467Ucs2, EncodesWhatItDecodes) {
    for (const std::string text : {"张三", "A1 b", "\xF0\xA0\xAE\xB7", "长期", "维吾尔"}) {
        const auto units = utf8_to_card_text(text);
        ASSERT_TRUE(units) << text;
        EXPECT_EQ(card_text_to_utf8(*units), text);
    }
    EXPECT_FALSE(utf8_to_card_text("\xE5\xBC"));  // cut-off sequence
    EXPECT_FALSE(utf8_to_card_text("\xFF"));
}

TEST(Ga467NationCodes, NamesAllFiftySixNationalitiesOnce) {
    std::set<std::string_view> names;
    for (int code = 1; code <= 56; ++code) {
        const std::string text = (code < 10 ? "0" : "") + std::to_string(code);
        const auto name = nation_name(text);
        ASSERT_TRUE(name) << text;
        names.insert(*name);
    }
    EXPECT_EQ(names.size(), 56u);
    EXPECT_EQ(nation_name("01"), "汉");
    EXPECT_EQ(nation_name("02"), "蒙古");
    EXPECT_EQ(nation_name("05"), "维吾尔");
    EXPECT_EQ(nation_name("56"), "基诺");
    EXPECT_FALSE(nation_name("00"));
    EXPECT_FALSE(nation_name("57"));
    EXPECT_FALSE(nation_name("1"));
    EXPECT_FALSE(nation_name("0A"));
}

TEST(Ga467TextBlock, EncodesFieldsAtTheirOffsets) {
    const auto block = encode_text_block(valid_fields());
    ASSERT_TRUE(block) << block.error();
    EXPECT_EQ((*block)[0], 0x20);  // 张 U+5F20, little-endian
    EXPECT_EQ((*block)[1], 0x5F);
    EXPECT_EQ((*block)[kSexField.offset], '1');
    EXPECT_EQ((*block)[kSexField.offset + 1], 0x00);
    EXPECT_EQ((*block)[kIdNumberField.offset], '1');
    EXPECT_EQ((*block)[kValidUntilField.offset], '2');
    EXPECT_EQ((*block)[255], 0x00);  // reserved tail: spaces
    EXPECT_EQ((*block)[254], 0x20);
}

TEST(Ga467TextBlock, DecodesAValidCard) {
    const TextBlockFields fields = valid_fields();
    const auto card = decode(fields);
    ASSERT_TRUE(card) << describe(card.error());
    EXPECT_EQ(card->name.reveal(), "张示例");
    EXPECT_EQ(card->sex.reveal(), "男");
    EXPECT_EQ(card->ethnicity.reveal(), "汉");
    EXPECT_EQ(card->birth_date.reveal(), "19800101");
    EXPECT_EQ(card->address.reveal(), "北京市东城区示例路1号");
    EXPECT_EQ(card->id_number.reveal(), fields.id_number);
    EXPECT_EQ(card->issuing_authority.reveal(), "北京市公安局东城分局");
    EXPECT_EQ(card->valid_from.reveal(), "20100101");
    EXPECT_EQ(card->valid_until.reveal(), "20300101");
}

TEST(Ga467TextBlock, DecodesTheStandardsExampleNumberOnAFemaleLongTermCard) {
    TextBlockFields fields = valid_fields();
    fields.id_number = "11010519491231002X";  // 17th digit 2: female
    fields.birth_date = "19491231";
    fields.sex_code = "2";
    fields.nation_code = "02";
    fields.valid_until = "长期";
    const auto card = decode(fields);
    ASSERT_TRUE(card) << describe(card.error());
    EXPECT_EQ(card->sex.reveal(), "女");
    EXPECT_EQ(card->ethnicity.reveal(), "蒙古");
    EXPECT_EQ(card->valid_until.reveal(), "长期");
}

TEST(Ga467TextBlock, AcceptsNulPaddingAsWellAsSpaces) {
    auto block = *encode_text_block(valid_fields());
    // Name 张示例 is 6 bytes; pad the rest of its field with NULs instead of spaces.
    for (std::size_t i = 6; i < kNameField.size; ++i) block[i] = 0;
    const auto card = decode_text_block(block);
    ASSERT_TRUE(card) << describe(card.error());
    EXPECT_EQ(card->name.reveal(), "张示例");
}

TEST(Ga467TextBlock, SexCodesZeroAndNineAreNotComparedWithTheNumber) {
    for (const char* code : {"0", "9"}) {
        TextBlockFields fields = valid_fields();
        fields.sex_code = code;
        const auto card = decode(fields);
        ASSERT_TRUE(card) << code;
        EXPECT_EQ(card->sex.reveal(), std::string(code) == "0" ? "未知" : "未说明");
    }
}

TEST(Ga467TextBlock, ValidityMayStartAndEndOnTheSameDay) {
    TextBlockFields fields = valid_fields();
    fields.valid_until = fields.valid_from;
    EXPECT_TRUE(decode(fields));
}

TEST(Ga467TextBlock, EachRuleIsEnforced) {
    struct Case {
        const char* what;
        void (*breaks)(TextBlockFields&);
        CardRule rule;
    };
    const Case cases[] = {
        {"empty name", [](TextBlockFields& f) { f.name = ""; }, CardRule::NameMissing},
        {"sex code 3", [](TextBlockFields& f) { f.sex_code = "3"; }, CardRule::SexCode},
        {"nation 99", [](TextBlockFields& f) { f.nation_code = "99"; }, CardRule::NationCode},
        {"birth 19800230", [](TextBlockFields& f) { f.birth_date = "19800230"; }, CardRule::BirthDate},
        {"birth with letters", [](TextBlockFields& f) { f.birth_date = "1980010A"; }, CardRule::BirthDate},
        {"check character wrong",
         [](TextBlockFields& f) {
             f.id_number = "110105194912310021";
             f.birth_date = "19491231";
             f.sex_code = "2";
         },
         CardRule::IdNumber},
        {"number too short", [](TextBlockFields& f) { f.id_number.pop_back(); }, CardRule::IdNumber},
        {"birth differs", [](TextBlockFields& f) { f.id_number = test::id_number("19800102", "001"); },
         CardRule::BirthDateMismatch},
        {"female digit on male card",
         [](TextBlockFields& f) { f.id_number = test::id_number("19800101", "002"); }, CardRule::SexMismatch},
        {"male digit on female card", [](TextBlockFields& f) { f.sex_code = "2"; }, CardRule::SexMismatch},
        {"valid from 20101301", [](TextBlockFields& f) { f.valid_from = "20101301"; }, CardRule::ValidFrom},
        {"valid from empty", [](TextBlockFields& f) { f.valid_from = ""; }, CardRule::ValidFrom},
        {"valid until 20300229", [](TextBlockFields& f) { f.valid_until = "20300229"; },
         CardRule::ValidUntil},
        {"valid until 永久", [](TextBlockFields& f) { f.valid_until = "永久"; }, CardRule::ValidUntil},
        {"until before from", [](TextBlockFields& f) { f.valid_until = "20091231"; },
         CardRule::ValidityOrder},
    };
    for (const Case& c : cases) {
        TextBlockFields fields = valid_fields();
        c.breaks(fields);
        EXPECT_EQ(broken_rule(fields), c.rule) << c.what;
    }
}

TEST(Ga467TextBlock, RefusesBrokenTextAndWrongSizes) {
    auto block = *encode_text_block(valid_fields());
    block[kAddressField.offset] = 0x00;  // a lone low surrogate DC00 at the start of the address
    block[kAddressField.offset + 1] = 0xDC;
    EXPECT_EQ(decode_text_block(block).error(), CardRule::TextEncoding);
    EXPECT_EQ(decode_text_block(std::span(block).first(255)).error(), CardRule::BlockSize);
}

TEST(Ga467TextBlock, EveryRuleHasItsOwnDescription) {
    std::set<std::string> seen;
    for (int rule = 0; rule <= static_cast<int>(CardRule::ValidityOrder); ++rule)
        EXPECT_TRUE(seen.insert(describe(static_cast<CardRule>(rule))).second) << rule;
}

TEST(Ga467TextBlock, EncoderRefusesFieldsThatDoNotFit) {
    TextBlockFields fields = valid_fields();
    fields.name = "一二三四五六七八九十一二三四五六";  // 16 characters, the field holds 15
    const auto block = encode_text_block(fields);
    ASSERT_FALSE(block);
    EXPECT_EQ(block.error(), "name does not fit its field");
}

TEST(Ga467Dates, RealDatesOnly) {
    EXPECT_TRUE(is_real_date("20000229"));
    EXPECT_FALSE(is_real_date("19000229"));
    EXPECT_FALSE(is_real_date("20230229"));
    EXPECT_TRUE(is_real_date("20240229"));
    EXPECT_FALSE(is_real_date("20240431"));
    EXPECT_FALSE(is_real_date("2024043"));
    EXPECT_FALSE(is_real_date("18991231"));
}

}  // namespace
}  // namespace hk::drivers::ga467
