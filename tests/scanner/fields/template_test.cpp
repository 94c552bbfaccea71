// Templates are data: the shipped ones load, and a broken one is reported with the file and the key at fault.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

#include "scanner/fields/document_template.h"

namespace hk::scanner::fields {
namespace {

const std::filesystem::path kTemplates = HUKIOSK_SOURCE_DIR "/scanner/templates";

// A minimal valid template, for tests to break one piece at a time.
constexpr std::string_view kMinimal = R"({
  "type": "test_document",
  "display_name": {"zh_CN": "测试", "en": "Test", "ko": "시험"},
  "markers": ["测试文件"],
  "fields": [
    {"id": "name", "labels": ["姓名"], "kind": "cjk_name", "required": true},
    {"id": "id_number", "labels": ["身份证号"], "kind": "id_number", "required": true}
  ]
})";

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
    std::string out(text);
    const auto at = out.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) out.replace(at, from.size(), to);
    return out;
}

TEST(DocumentTemplate, TheShippedTemplatesAllLoad) {
    const auto templates = load_templates(kTemplates);
    ASSERT_TRUE(templates.has_value()) << templates.error().describe();
    std::set<std::string> types;
    for (const auto& t : *templates) {
        types.insert(t.type);
        EXPECT_FALSE(t.display_name.zh_CN.empty()) << t.type;
        EXPECT_FALSE(t.display_name.en.empty()) << t.type;
        EXPECT_FALSE(t.display_name.ko.empty()) << t.type;
        EXPECT_FALSE(t.markers.empty()) << t.type;
        for (const auto& f : t.fields) {
            EXPECT_TRUE(!f.labels.empty() || f.region.has_value()) << t.type << "/" << f.id;
        }
    }
    EXPECT_EQ(types, (std::set<std::string>{"household_register_page", "marriage_certificate",
                                            "university_admission_notice", "employment_contract"}));
}

TEST(DocumentTemplate, TheMinimalTemplateParses) {
    const auto t = parse_template(kMinimal, "minimal.json");
    ASSERT_TRUE(t.has_value()) << t.error().describe();
    ASSERT_EQ(t->fields.size(), 2U);
    EXPECT_EQ(t->fields[1].kind, ValueKind::IdNumber);
    EXPECT_EQ(t->fields[0].place, ValuePlace::AfterOrBelow);  // the default
    EXPECT_EQ(t->field("id_number"), &t->fields[1]);
    EXPECT_EQ(t->field("nothing"), nullptr);
}

TEST(DocumentTemplate, AMissingKeyIsNamedWithItsFile) {
    const auto t = parse_template(replaced(kMinimal, R"("kind": "id_number", )", ""), "broken.json");
    ASSERT_FALSE(t.has_value());
    EXPECT_EQ(t.error().file, "broken.json");
    EXPECT_EQ(t.error().key, "/fields/1/kind");
    EXPECT_EQ(t.error().message, "missing");
    EXPECT_NE(t.error().describe().find("broken.json"), std::string::npos);
    EXPECT_NE(t.error().describe().find("/fields/1/kind"), std::string::npos);
}

TEST(DocumentTemplate, AMissingTopLevelKeyIsNamed) {
    const auto t = parse_template(replaced(kMinimal, R"("markers": ["测试文件"],)", ""), "broken.json");
    ASSERT_FALSE(t.has_value());
    EXPECT_EQ(t.error().key, "/markers");
}

TEST(DocumentTemplate, AWrongTypeIsNamed) {
    const auto t =
        parse_template(replaced(kMinimal, R"("required": true})", R"("required": "yes"})"), "b.json");
    ASSERT_FALSE(t.has_value());
    EXPECT_EQ(t.error().key, "/fields/0/required");
    EXPECT_NE(t.error().message.find("string"), std::string::npos) << t.error().message;

    const auto labels = parse_template(replaced(kMinimal, R"(["姓名"])", R"("姓名")"), "b.json");
    ASSERT_FALSE(labels.has_value());
    EXPECT_EQ(labels.error().key, "/fields/0/labels");
}

TEST(DocumentTemplate, BadJsonIsReportedWithTheFile) {
    const auto t = parse_template(std::string(kMinimal).substr(0, 60), "truncated.json");
    ASSERT_FALSE(t.has_value());
    EXPECT_EQ(t.error().file, "truncated.json");
    EXPECT_TRUE(t.error().key.empty());
    EXPECT_NE(t.error().message.find("not valid JSON"), std::string::npos);
}

TEST(DocumentTemplate, UnknownKeysAndValuesAreRejected) {
    const auto typo =
        parse_template(replaced(kMinimal, R"("labels": ["姓名"])", R"("lables": ["姓名"])"), "t.json");
    ASSERT_FALSE(typo.has_value());
    EXPECT_EQ(typo.error().key, "/fields/0/lables");

    const auto kind = parse_template(replaced(kMinimal, R"("cjk_name")", R"("person")"), "t.json");
    ASSERT_FALSE(kind.has_value());
    EXPECT_EQ(kind.error().key, "/fields/0/kind");
    EXPECT_NE(kind.error().message.find("person"), std::string::npos);

    const auto place = parse_template(
        replaced(kMinimal, R"("kind": "cjk_name")", R"("kind": "cjk_name", "place": "beside")"), "t.json");
    ASSERT_FALSE(place.has_value());
    EXPECT_EQ(place.error().key, "/fields/0/place");
}

TEST(DocumentTemplate, ARegionMustBeAPieceOfThePage) {
    const auto t = parse_template(
        replaced(kMinimal, R"("kind": "cjk_name")",
                 R"("kind": "cjk_name", "region": {"left": 0.5, "top": 0.1, "right": 1.5, "bottom": 0.2})"),
        "t.json");
    ASSERT_FALSE(t.has_value());
    EXPECT_EQ(t.error().key, "/fields/0/region/right");

    const auto region_place = parse_template(
        replaced(kMinimal, R"("kind": "cjk_name")", R"("kind": "cjk_name", "place": "region")"), "t.json");
    ASSERT_FALSE(region_place.has_value());
    EXPECT_EQ(region_place.error().key, "/fields/0/region");
}

TEST(DocumentTemplate, BirthDateOfMustNameAnIdNumberField) {
    const std::string with_date = replaced(
        kMinimal, R"({"id": "id_number")",
        R"({"id": "born", "labels": ["出生"], "kind": "date", "required": false, "birth_date_of": "name"},
    {"id": "id_number")");
    const auto t = parse_template(with_date, "t.json");
    ASSERT_FALSE(t.has_value());
    EXPECT_EQ(t.error().key, "/fields/1/birth_date_of");

    const auto good = parse_template(
        replaced(with_date, R"("birth_date_of": "name")", R"("birth_date_of": "id_number")"), "t.json");
    ASSERT_TRUE(good.has_value()) << good.error().describe();
    EXPECT_EQ(good->fields[1].birth_date_of, "id_number");
}

TEST(DocumentTemplate, DuplicateFieldIdsAreRejected) {
    const auto t = parse_template(replaced(kMinimal, R"({"id": "id_number")", R"({"id": "name")"), "t.json");
    ASSERT_FALSE(t.has_value());
    EXPECT_EQ(t.error().key, "/fields/1/id");
}

TEST(DocumentTemplate, FileErrorsNameTheFile) {
    const auto missing = load_template(kTemplates / "no_such_document.json");
    ASSERT_FALSE(missing.has_value());
    EXPECT_NE(missing.error().describe().find("no_such_document.json"), std::string::npos);

    // A directory holding one good and one broken template: loading all of them names the broken file.
    const auto dir =
        std::filesystem::temp_directory_path() / ("hukiosk_fields_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "a_good.json") << kMinimal;
    std::ofstream(dir / "b_broken.json")
        << replaced(kMinimal, R"("type": "test_document",)", R"("type": 7,)");
    const auto all = load_templates(dir);
    std::filesystem::remove_all(dir);
    ASSERT_FALSE(all.has_value());
    EXPECT_NE(all.error().file.find("b_broken.json"), std::string::npos);
    EXPECT_EQ(all.error().key, "/type");
}

}  // namespace
}  // namespace hk::scanner::fields
