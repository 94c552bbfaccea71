// Identification and extraction on hand-built pages of the four supporting documents, clean and with OCR
// noise.
#include <gtest/gtest.h>

#include <limits>

#include "drivers/resident_id_reader.h"
#include "page_fixtures.h"
#include "scanner/fields/extraction.h"
#include "scanner/fields/values.h"

namespace hk::scanner::fields {
namespace {

using namespace testing;  // NOLINT: the fixtures

const std::vector<DocumentTemplate>& templates() {
    static const std::vector<DocumentTemplate> loaded = [] {
        auto all = load_templates(HUKIOSK_SOURCE_DIR "/scanner/templates");
        if (!all) throw std::runtime_error(all.error().describe());
        return std::move(*all);
    }();
    return loaded;
}

const DocumentTemplate& template_of(std::string_view type) {
    for (const auto& t : templates()) {
        if (t.type == type) return t;
    }
    throw std::runtime_error("no template " + std::string(type));
}

ExtractedDocument read(const OcrPage& page, std::string_view type) {
    return extract(page, template_of(type), ExtractOptions{kToday});
}

const ExtractedField& field(const ExtractedDocument& document, std::string_view id) {
    const ExtractedField* f = document.field(id);
    if (f == nullptr) throw std::runtime_error("no field " + std::string(id));
    return *f;
}

std::string value(const ExtractedDocument& document, std::string_view id) {
    return std::string(field(document, id).value.reveal());
}

bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = c < 0x80             ? 1
                                   : (c & 0xE0) == 0xC0 ? 2
                                   : (c & 0xF0) == 0xE0 ? 3
                                   : (c & 0xF8) == 0xF0 ? 4
                                                        : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        }
        i += length;
    }
    return true;
}

std::vector<Specimen> specimens() {
    return {household_register_page(), marriage_certificate(), university_admission_notice(),
            employment_contract()};
}

TEST(Extraction, EveryPrintedFieldIsReadOkOnEachDocument) {
    for (const Specimen& specimen : specimens()) {
        SCOPED_TRACE(specimen.type);
        const ExtractedDocument document = read(specimen.page, specimen.type);
        EXPECT_EQ(document.type, specimen.type);
        const DocumentTemplate& t = template_of(specimen.type);
        ASSERT_EQ(document.fields.size(), t.fields.size());
        for (const FieldSpec& spec : t.fields) {
            const ExtractedField& f = field(document, spec.id);
            const auto printed = specimen.printed.find(spec.id);
            if (printed == specimen.printed.end()) {
                EXPECT_FALSE(spec.required) << spec.id << " is required but the specimen does not print it";
                EXPECT_EQ(f.status, FieldStatus::Missing) << spec.id;
                continue;
            }
            EXPECT_EQ(f.status, FieldStatus::Ok) << spec.id << ": " << f.reason;
            EXPECT_EQ(f.value.reveal(), printed->second) << spec.id;
            EXPECT_GE(f.confidence, 0.7) << spec.id;
            EXPECT_LE(f.confidence, 1.0) << spec.id;
        }
    }
}

// The page as Tesseract's chi_sim model returns it: every CJK character its own word, no spaces between them
// in the line's text.
OcrPage one_word_per_character(const OcrPage& page) {
    OcrPage out = page;
    for (OcrLine& line : out.lines) {
        std::vector<OcrWord> words;
        for (const OcrWord& word : line.words) {
            const bool ascii = std::all_of(word.text.begin(), word.text.end(),
                                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
            if (ascii) {
                words.push_back(word);
                continue;
            }
            std::vector<std::string> characters;
            for (std::size_t i = 0; i < word.text.size();) {
                const auto c = static_cast<unsigned char>(word.text[i]);
                const std::size_t length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                characters.push_back(word.text.substr(i, length));
                i += length;
            }
            const int width = word.box.width / static_cast<int>(characters.size());
            for (std::size_t k = 0; k < characters.size(); ++k) {
                words.push_back(
                    {characters[k],
                     {word.box.x + width * static_cast<int>(k), word.box.y, width, word.box.height},
                     word.confidence});
            }
        }
        line.words = words;
        line.text.clear();
        for (std::size_t k = 0; k < words.size(); ++k) {
            const bool ascii_pair = k > 0 && static_cast<unsigned char>(words[k - 1].text.back()) < 0x80 &&
                                    static_cast<unsigned char>(words[k].text.front()) < 0x80;
            if (ascii_pair) line.text += ' ';
            line.text += words[k].text;
        }
    }
    return out;
}

TEST(Extraction, OneWordPerCharacterReadsTheSame) {
    for (const Specimen& specimen : specimens()) {
        SCOPED_TRACE(specimen.type);
        const OcrPage page = one_word_per_character(specimen.page);
        ASSERT_NE(page.lines[1].words.size(), specimen.page.lines[1].words.size());  // really re-split
        const ExtractedDocument document = read(page, specimen.type);
        for (const auto& [id, printed] : specimen.printed) {
            EXPECT_EQ(field(document, id).status, FieldStatus::Ok)
                << id << ": " << field(document, id).reason;
            EXPECT_EQ(value(document, id), printed) << id;
        }
        const auto found = identify(page, templates());
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(found->document->type, specimen.type);
    }
}

TEST(Extraction, TheWordsConfidenceIsTheValuesConfidence) {
    // Same line confidence, but the low-confidence word is the address, not its label.
    HouseholdValues v;
    v.address_confidence = 30.0F;
    OcrPage page = household_register_page(v).page;
    for (OcrLine& line : page.lines) line.confidence = 95.0F;
    const ExtractedDocument d = read(page, "household_register_page");
    EXPECT_LT(field(d, "address").confidence, 0.5);
    EXPECT_EQ(field(d, "address").status, FieldStatus::Doubtful);
}

TEST(Identification, EachDocumentIsRecognisedAmongAllFour) {
    ASSERT_EQ(templates().size(), 4U);
    for (const Specimen& specimen : specimens()) {
        const auto found = identify(specimen.page, templates());
        ASSERT_TRUE(found.has_value()) << specimen.type;
        EXPECT_EQ(found->document->type, specimen.type);
        EXPECT_GT(found->score, 0.5);
        EXPECT_LE(found->score, 1.0);
    }
}

TEST(Identification, AnUnrelatedPageIsNoneOfThem) {
    EXPECT_FALSE(identify(unrelated_page(), templates()).has_value());
    EXPECT_FALSE(identify(OcrPage{}, templates()).has_value());
    // Lowering the bar is what lets a weak match through: the score is real, not a constant.
    const auto anything = identify(household_register_page().page, templates(), 0.0);
    ASSERT_TRUE(anything.has_value());
}

TEST(Identification, AnOcrErrorInTheTitleStillIdentifies) {
    PageBuilder b(2000, 1400);
    b.line(60, {{"常住人口登汜卡", 800}})  // 记 read as 汜
        .line(160, {{"姓名", 100}, {"王小明", 300}})
        .line(400, {{"公民身份号码", 100}, {id_number("11010119900307123"), 400}});
    const auto found = identify(b.page(), templates());
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->document->type, "household_register_page");
}

TEST(Extraction, AValueOnTheLineBelowItsLabelIsRead) {
    // A table: a row of labels, the values under them.
    const std::string id = id_number("11010119900307123");
    PageBuilder b(2000, 1400);
    b.line(60, {{"常住人口登记卡", 800}})
        .line(160, {{"姓名", 100}, {"性别", 600}, {"民族", 1000}})
        .line(220, {{"王小明", 90}, {"男", 610}, {"汉", 1010}})
        .line(320, {{"公民身份号码", 100}})
        .line(380, {{id, 100}})
        .line(480, {{"出生日期", 100}, {"住址", 600}})
        .line(540, {{"1990年03月07日", 100}, {"北京市东城区南池子大街12号", 600}});
    const ExtractedDocument d = read(b.page(), "household_register_page");
    EXPECT_EQ(value(d, "name"), "王小明");
    EXPECT_EQ(value(d, "sex"), "男");
    EXPECT_EQ(value(d, "ethnicity"), "汉");
    EXPECT_EQ(value(d, "id_number"), id);
    EXPECT_EQ(field(d, "id_number").status, FieldStatus::Ok);
    EXPECT_EQ(value(d, "birth_date"), "1990-03-07");
    EXPECT_EQ(value(d, "address"), "北京市东城区南池子大街12号");
    EXPECT_EQ(field(d, "date_of_entry").status, FieldStatus::Missing);
}

TEST(Extraction, LabelVariantsAndOcrNoiseAreTolerated) {
    const std::string id = id_number("11010119900307123");
    std::string noisy_id = id;  // every 0 read as O, and spaces between the groups
    for (char& c : noisy_id) c = c == '0' ? 'O' : c;
    noisy_id.insert(14, " ").insert(6, " ");
    PageBuilder b(2000, 1400);
    b.line(60, {{"常住人口登记卡", 800}})
        .line(160, {{"姓", 100}, {"名：王", 150}, {"小 明", 300}})    // spaces inside CJK, full-width colon
        .line(240, {{"与户主关系:", 100}, {"子", 400}})               // a shorter variant, ASCII colon
        .line(320, {{"出生日期", 100}, {"１９９０年３月７日", 300}})  // full-width digits, no leading zeros
        .line(400, {{"公民身份", 100}, {"号码", 260}, {noisy_id, 400}})  // a label split over two words
        .line(480, {{"住 址", 100}, {"北京市 东城区 南池子大街 1 2号", 300}})
        .line(560, {{"登记日期", 100}, {"2015.06.20", 300}});  // the second variant for the date of entry
    const ExtractedDocument d = read(b.page(), "household_register_page");
    EXPECT_EQ(value(d, "name"), "王小明");
    EXPECT_EQ(value(d, "relationship"), "子");
    EXPECT_EQ(value(d, "birth_date"), "1990-03-07");
    EXPECT_EQ(value(d, "id_number"), id);
    EXPECT_EQ(field(d, "id_number").status, FieldStatus::Ok) << field(d, "id_number").reason;
    EXPECT_EQ(value(d, "address"), "北京市东城区南池子大街12号");
    EXPECT_EQ(value(d, "date_of_entry"), "2015-06-20");
}

TEST(Extraction, ALabelWithOneOcrErrorIsStillFound) {
    HouseholdValues v;
    v.id_label = "公民身份号玛";  // 码 read as 玛
    const ExtractedDocument d = read(household_register_page(v).page, "household_register_page");
    EXPECT_EQ(value(d, "id_number"), id_number("11010119900307123"));
    EXPECT_EQ(field(d, "id_number").status, FieldStatus::Ok);

    v.name_label = "姓吕";  // a two-character label must match exactly: 姓吕 is not 姓名
    EXPECT_EQ(field(read(household_register_page(v).page, "household_register_page"), "name").status,
              FieldStatus::Missing);
}

// Misreads of the valid number: one character changed, with the number of repairs that would undo it. With
// `look_alikes`, only the digit confusions OCR makes (then the true number is always among the repairs);
// without, any digit (a number printed or typed wrong).
struct Misread {
    std::string text;
    std::size_t repairs = 0;
};

std::vector<Misread> misreads(const std::string& valid, std::string_view birth_date, bool look_alikes) {
    const std::vector<std::pair<char, char>> confusions{{'0', '8'}, {'8', '0'}, {'0', '6'}, {'6', '0'},
                                                        {'1', '7'}, {'7', '1'}, {'5', '6'}, {'6', '5'},
                                                        {'3', '8'}, {'8', '3'}, {'8', '9'}, {'9', '8'}};
    std::vector<Misread> out;
    for (std::size_t i = 0; i < 18; ++i) {
        for (char to = '0'; to <= '9'; ++to) {
            std::string text = valid;
            if (text[i] == to) continue;
            const bool look_alike =
                std::find(confusions.begin(), confusions.end(), std::pair{text[i], to}) != confusions.end();
            if (look_alikes && !look_alike) continue;
            text[i] = to;
            if (drivers::is_valid_resident_id_number(text)) continue;
            out.push_back({text, id_number_repairs(text, birth_date).size()});
        }
    }
    return out;
}

TEST(Extraction, AWrongCheckCharacterIsInvalid) {
    const std::string valid = id_number("11010119900307123");
    int checked = 0;
    for (const Misread& m : misreads(valid, valid.substr(6, 8), false)) {
        if (m.repairs == 1 || m.text.substr(0, 17) != valid.substr(0, 17))
            continue;  // only the check character
        HouseholdValues v;
        v.id_as_printed = m.text;
        const ExtractedDocument d = read(household_register_page(v).page, "household_register_page");
        const ExtractedField& f = field(d, "id_number");
        EXPECT_EQ(f.status, FieldStatus::Invalid) << m.text;
        EXPECT_EQ(f.value.reveal(), m.text);  // offered as read, for the citizen to correct
        EXPECT_EQ(f.confidence, 0.0);
        EXPECT_NE(f.reason.find("check character"), std::string::npos);
        EXPECT_EQ(f.reason.find(m.text), std::string::npos) << "the reason must not repeat personal data";
        ++checked;
    }
    EXPECT_GT(checked, 0);
}

TEST(Extraction, AMisreadDigitWithOneRepairIsRepairedAndDoubtful) {
    const std::string valid = id_number("11010119900307123");
    int checked = 0;
    for (const Misread& m : misreads(valid, valid.substr(6, 8), true)) {
        if (m.repairs != 1) continue;
        HouseholdValues v;
        v.id_as_printed = m.text;
        const ExtractedDocument d = read(household_register_page(v).page, "household_register_page");
        const ExtractedField& f = field(d, "id_number");
        EXPECT_EQ(f.status, FieldStatus::Doubtful) << m.text;
        EXPECT_EQ(f.value.reveal(), valid) << m.text;
        EXPECT_FALSE(f.reason.empty());
        EXPECT_LT(f.confidence, 0.7);
        ++checked;
    }
    EXPECT_GT(checked, 0) << "no misread of the fixture number has a single repair";
}

TEST(Extraction, AMisreadWithSeveralPossibleRepairsIsInvalidNotGuessed) {
    const std::string valid = id_number("11010119900307123");
    int checked = 0;
    for (const Misread& m : misreads(valid, valid.substr(6, 8), false)) {
        if (m.repairs < 2) continue;
        HouseholdValues v;
        v.id_as_printed = m.text;
        const ExtractedField f =
            field(read(household_register_page(v).page, "household_register_page"), "id_number");
        EXPECT_EQ(f.status, FieldStatus::Invalid) << m.text;
        ++checked;
    }
    EXPECT_GT(checked, 0) << "no misread of the fixture number is ambiguous";
}

TEST(Extraction, AValidIdNumberIsTrustedAtMediumOcrConfidence) {
    HouseholdValues v;
    v.id_confidence = 60.0F;
    const ExtractedDocument d = read(household_register_page(v).page, "household_register_page");
    const ExtractedField& f = field(d, "id_number");
    EXPECT_EQ(f.status, FieldStatus::Ok);
    EXPECT_GE(f.confidence, 0.9);
}

TEST(Extraction, AnImpossibleDateIsInvalid) {
    HouseholdValues v;
    v.entry_date = "2019年02月30日";
    const ExtractedDocument d = read(household_register_page(v).page, "household_register_page");
    EXPECT_EQ(field(d, "date_of_entry").status, FieldStatus::Invalid);
    EXPECT_EQ(field(d, "date_of_entry").value.reveal().substr(0, v.entry_date.size()),
              v.entry_date);                                    // as read
    EXPECT_EQ(field(d, "birth_date").status, FieldStatus::Ok);  // only the bad one
}

TEST(Extraction, AFutureDateIsInvalidUnlessTheFieldLooksAhead) {
    HouseholdValues v;
    v.entry_date = "2030年01月01日";
    const ExtractedDocument d = read(household_register_page(v).page, "household_register_page");
    EXPECT_EQ(field(d, "date_of_entry").status, FieldStatus::Invalid);
    EXPECT_NE(field(d, "date_of_entry").reason.find("after today"), std::string::npos);

    // Read the same page on a later day and the date is fine.
    const std::chrono::year_month_day later{std::chrono::year{2031}, std::chrono::January,
                                            std::chrono::day{1}};
    const ExtractedDocument again = extract(household_register_page(v).page,
                                            template_of("household_register_page"), ExtractOptions{later});
    EXPECT_EQ(field(again, "date_of_entry").status, FieldStatus::Ok);
    EXPECT_EQ(value(again, "date_of_entry"), "2030-01-01");

    // A reporting date lies ahead by nature (2024-09-01 is after kToday).
    const ExtractedDocument notice = read(university_admission_notice().page, "university_admission_notice");
    EXPECT_EQ(field(notice, "reporting_date").status, FieldStatus::Ok);
}

TEST(Extraction, AnIdNumberBornInTheFutureIsInvalid) {
    HouseholdValues v;
    v.id_as_printed = id_number("11010120300307123");
    v.birth_date = "2030年03月07日";
    const ExtractedDocument d = read(household_register_page(v).page, "household_register_page");
    EXPECT_EQ(field(d, "id_number").status, FieldStatus::Invalid);
    EXPECT_EQ(field(d, "birth_date").status, FieldStatus::Invalid);
}

TEST(Extraction, LowConfidenceTextIsDoubtful) {
    HouseholdValues v;
    v.address_confidence = 40.0F;
    const ExtractedDocument d = read(household_register_page(v).page, "household_register_page");
    const ExtractedField& address = field(d, "address");
    EXPECT_EQ(address.status, FieldStatus::Doubtful);
    EXPECT_EQ(address.value.reveal(), v.address);  // still offered for confirmation
    EXPECT_LT(address.confidence, 0.7);
    EXPECT_EQ(field(d, "name").status, FieldStatus::Ok);
}

TEST(Extraction, ABirthDateThatDisagreesWithTheIdNumberIsDoubtful) {
    HouseholdValues v;
    v.birth_date = "1990年08月07日";  // 3 read as 8
    const ExtractedDocument d = read(household_register_page(v).page, "household_register_page");
    EXPECT_EQ(field(d, "id_number").status, FieldStatus::Ok);
    EXPECT_EQ(field(d, "birth_date").status, FieldStatus::Doubtful);
    EXPECT_NE(field(d, "birth_date").reason.find("identity number"), std::string::npos);
}

TEST(Extraction, AContractPeriodIsTwoDatesInOrder) {
    const ExtractedDocument reversed =
        read(employment_contract("2025年12月31日至2023年1月1日").page, "employment_contract");
    EXPECT_EQ(field(reversed, "contract_period").status, FieldStatus::Invalid);

    const ExtractedDocument dashes =
        read(employment_contract("2023-01-01 至 2025-12-31").page, "employment_contract");
    EXPECT_EQ(value(dashes, "contract_period"), "2023-01-01/2025-12-31");

    const ExtractedDocument one = read(employment_contract("2023年1月1日").page, "employment_contract");
    EXPECT_EQ(field(one, "contract_period").status, FieldStatus::Invalid);

    const ExtractedDocument open =
        read(employment_contract("2023年1月1日起无固定期限").page, "employment_contract");
    EXPECT_EQ(value(open, "contract_period"), "2023-01-01/");
}

TEST(Extraction, ARegionFieldReadsWhatIsPrintedThere) {
    // A stamp-like note in the bottom fifth of the page, with and without its label.
    const auto t = parse_template(R"({
      "type": "note", "display_name": {"zh_CN": "备注", "en": "Note", "ko": "비고"}, "markers": ["备注页"],
      "fields": [
        {"id": "remark", "labels": ["备注"], "place": "region",
         "region": {"left": 0.0, "top": 0.8, "right": 1.0, "bottom": 1.0}, "kind": "text", "required": true},
        {"id": "name", "labels": ["姓名"], "place": "after", "kind": "cjk_name", "required": true,
         "region": {"left": 0.5, "top": 0.0, "right": 1.0, "bottom": 0.5}}
      ]})",
                                  "note.json");
    ASSERT_TRUE(t.has_value()) << t.error().describe();
    PageBuilder b(1000, 1000);
    b.line(100, {{"姓名", 100}, {"张三", 200}})     // left half: outside the name's region
        .line(100, {{"姓名", 600}, {"李四", 700}})  // right half: inside it
        .line(500, {{"备注：不在区域内", 100}})
        .line(850, {{"备注：", 100}, {"迁入", 220}})
        .line(900, {{"北京市", 100}});
    const ExtractedDocument d = extract(b.page(), *t, ExtractOptions{kToday});
    EXPECT_EQ(value(d, "remark"), "迁入北京市");
    EXPECT_EQ(value(d, "name"), "李四");
}

TEST(Extraction, WipeLeavesNoValues) {
    ExtractedDocument d = read(household_register_page().page, "household_register_page");
    ASSERT_FALSE(field(d, "id_number").value.empty());
    d.wipe();
    for (const ExtractedField& f : d.fields) {
        EXPECT_TRUE(f.value.empty()) << f.id;
        EXPECT_TRUE(f.reason.empty()) << f.id;
        EXPECT_EQ(f.confidence, 0.0) << f.id;
    }
}

TEST(Extraction, HostilePagesNeverCrash) {
    std::vector<OcrPage> pages;
    pages.push_back(OcrPage{});
    {
        OcrPage p;  // empty lines, empty words, no sizes
        p.lines.resize(5);
        p.lines[2].words.resize(3);
        pages.push_back(p);
    }
    {
        OcrPage p = household_register_page().page;  // a huge line in the middle of a real page
        OcrLine huge;
        for (int i = 0; i < 20000; ++i) huge.text += "姓名公民身份号码：";
        huge.box = {0, 300, 100000, 40};
        p.lines.insert(p.lines.begin() + 3, huge);
        pages.push_back(p);
    }
    {
        OcrPage p = household_register_page().page;  // invalid UTF-8 everywhere
        const std::string bad[] = {"\xff\xfe",         "\xe5\xa7",     "\x80\x80\x80",
                                   "\xf4\x90\x80\x80", "\xed\xa0\x80", "\xc0\xaf"};
        for (std::size_t i = 0; i < p.lines.size(); ++i) {
            p.lines[i].text.insert(p.lines[i].text.size() / 2, bad[i % 6]);
            for (auto& w : p.lines[i].words) w.text += bad[(i + 1) % 6];
        }
        pages.push_back(p);
    }
    {
        OcrPage p = household_register_page().page;  // nonsense geometry and confidences
        p.width = -5;
        p.height = 0;
        for (auto& line : p.lines) {
            line.box = {-100, -100, -3, 0};
            line.confidence = std::numeric_limits<float>::quiet_NaN();
            for (auto& w : line.words) w.confidence = 1e9F;
        }
        pages.push_back(p);
    }
    {
        OcrPage p = household_register_page().page;  // coordinates at the ends of int
        p.width = std::numeric_limits<int>::max();
        p.height = std::numeric_limits<int>::max();
        for (std::size_t i = 0; i < p.lines.size(); ++i) {
            const int extreme =
                i % 2 == 0 ? std::numeric_limits<int>::max() : std::numeric_limits<int>::min();
            p.lines[i].box = {extreme, extreme, extreme, extreme};
            for (auto& w : p.lines[i].words)
                w.box = {extreme, extreme / 2, std::numeric_limits<int>::max(), 1};
        }
        pages.push_back(p);
    }
    {
        OcrPage p;  // only labels, no values, and a label at the very end of a line
        PageBuilder b(100, 100);
        b.line(0, {{"姓名", 0}, {"公民身份号码：", 50}}).line(5, {{"住址（", 0}});
        pages.push_back(b.page());
    }
    for (const OcrPage& page : pages) {
        (void)identify(page, templates());
        for (const DocumentTemplate& t : templates()) {
            const ExtractedDocument d = extract(page, t, ExtractOptions{kToday});
            ASSERT_EQ(d.fields.size(), t.fields.size());
            for (const ExtractedField& f : d.fields) {
                EXPECT_TRUE(valid_utf8(f.value.reveal())) << f.id;
                EXPECT_GE(f.confidence, 0.0);
                EXPECT_LE(f.confidence, 1.0);
                if (f.status == FieldStatus::Missing) {
                    EXPECT_TRUE(f.value.empty()) << f.id;
                }
                if (f.status == FieldStatus::Invalid) {
                    EXPECT_EQ(f.confidence, 0.0) << f.id;
                }
            }
        }
    }
}

}  // namespace
}  // namespace hk::scanner::fields
