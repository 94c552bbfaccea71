// The decoder on synthetic cell scores: class restriction per field and the check-digit search.
#include <gtest/gtest.h>

#include "correction.h"
#include "glyph_models.h"

namespace hk::scanner::mrz_ocr {
namespace {

const std::vector<std::string> kTd3 = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                       "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};

// Each cell scores its true character 0.9 and everything else 0.3.
std::vector<std::vector<Scores>> clean_scores(const std::vector<std::string>& lines) {
    std::vector<std::vector<Scores>> cells;
    for (const auto& line : lines) {
        std::vector<Scores> row;
        for (char c : line) {
            Scores s{};
            s.fill(0.3f);
            s[static_cast<std::size_t>(class_of(c))] = 0.9f;
            row.push_back(s);
        }
        cells.push_back(row);
    }
    return cells;
}

void confuse(std::vector<std::vector<Scores>>& cells, int line, int pos, char wrong, float wrong_score,
             float right_score) {
    Scores& s = cells[static_cast<std::size_t>(line)][static_cast<std::size_t>(pos)];
    const auto right = std::max_element(s.begin(), s.end()) - s.begin();
    s[static_cast<std::size_t>(right)] = right_score;
    s[static_cast<std::size_t>(class_of(wrong))] = wrong_score;
}

const MrzFieldConfidence& field(const Decoded& d, std::string_view name) {
    for (const auto& f : d.fields) {
        if (f.field == name) return f;
    }
    throw std::runtime_error("no field");
}

TEST(MrzCorrection, CleanScoresDecodeExactly) {
    const Decoded d = decode(MrzFormat::TD3, clean_scores(kTd3));
    EXPECT_EQ(d.lines, kTd3);
    for (const auto& f : d.fields) EXPECT_FALSE(f.corrected) << f.field;
    EXPECT_TRUE(field(d, "composite").check_ok);
}

TEST(MrzCorrection, DigitFieldRestrictionTurnsOIntoZero) {
    auto cells = clean_scores(kTd3);
    confuse(cells, 1, 15, 'O', 0.95f, 0.85f);  // birth date 74(0)812
    const Decoded d = decode(MrzFormat::TD3, cells);
    EXPECT_EQ(d.lines, kTd3);
    EXPECT_FALSE(field(d, "birth_date").corrected);  // the field type alone fixed it
}

TEST(MrzCorrection, CheckDigitSearchFixesInjectedOZeroConfusion) {
    auto cells = clean_scores(kTd3);
    confuse(cells, 1, 5, 'O', 0.92f, 0.85f);  // document number L8989(0)2C3: letters are allowed there
    const Decoded d = decode(MrzFormat::TD3, cells);
    EXPECT_EQ(d.lines, kTd3);
    EXPECT_TRUE(field(d, "document_number").corrected);
    EXPECT_TRUE(field(d, "document_number").check_ok);
    EXPECT_LT(field(d, "document_number").confidence, 0.9);
}

TEST(MrzCorrection, FillerBeatsKInNamesWhenScoresSaySo) {
    auto cells = clean_scores(kTd3);
    confuse(cells, 0, 30, 'K', 0.5f, 0.88f);
    const Decoded d = decode(MrzFormat::TD3, cells);
    EXPECT_EQ(d.lines, kTd3);
}

TEST(MrzCorrection, UnfixableFieldReportsFailedCheck) {
    auto cells = clean_scores(kTd3);
    confuse(cells, 1, 14, '5', 0.95f, 0.1f);  // far beyond the search's loss bound
    confuse(cells, 1, 16, '3', 0.95f, 0.1f);
    const Decoded d = decode(MrzFormat::TD3, cells);
    EXPECT_FALSE(field(d, "birth_date").check_ok);
    EXPECT_LE(field(d, "birth_date").confidence, 0.5);
}

}  // namespace
}  // namespace hk::scanner::mrz_ocr
