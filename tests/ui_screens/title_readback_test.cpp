// What the citizen can read is what the view says: every title on the portrait screen, in every language, is
// read back by Tesseract from the pixels. A glyph the font lacks (tofu) or a title the layout cuts off reads
// back as something else.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>

#include "font_measure.h"
#include "kiosk/view.h"
#include "screen_camera.h"
#include "screen_routes.h"
#include "title_reader.h"

namespace hk::ui_screens {
namespace {

// OCR of clean 72 px text is near perfect; punctuation such as "…" and "·" is what it gets wrong.
constexpr double kMinSimilarity = 0.7;
// Room around the title's box for accents and descenders, less than the gap to the body text below.
constexpr int kTitlePadding = 12;
// Tesseract reads 36 px text as well as 72 px, in a third of the time.
constexpr int kOcrShrink = 2;

// The title of a view as drawn on the portrait screen and as Tesseract reads it back.
struct ReadTitle {
    GreyImage crop;
    std::string languages;
    std::string text;
};

ReadTitle read_title(ScreenCamera& camera, FontMeasure& font, TitleReader& reader, const ui::ViewModel& view,
                     const std::filesystem::path& png) {
    auto image = camera.shoot(view, png);
    EXPECT_TRUE(image) << image.error();
    if (!image) return {};
    const ui::Rect title = lay_out_as_drawn(view, camera.size(), font).title.rect;
    ReadTitle read;
    read.crop = image->crop({title.x - kTitlePadding, title.y - kTitlePadding, title.w + 2 * kTitlePadding,
                             title.h + 2 * kTitlePadding});
    read.languages = tesseract_languages_for(view.title);
    read.text = reader.read(read.crop.shrink(kOcrShrink), read.languages);
    EXPECT_TRUE(reader.error().empty()) << reader.error();
    return read;
}

TEST(TitleReadBack, EveryPortraitTitleReadsBackInEveryLanguage) {
    const auto started = std::chrono::steady_clock::now();
    const Orientation& portrait = kOrientations.front();
    auto font = FontMeasure::open();
    ASSERT_TRUE(font) << font.error();
    auto camera = ScreenCamera::open(portrait);
    ASSERT_TRUE(camera) << camera.error();
    const ScratchFolder scratch("ui-screens-readback");
    const std::filesystem::path failures =
        std::filesystem::path(HUKIOSK_SCREENSHOT_DIR) / "readback-failures";
    TitleReader reader;

    struct Tally {
        double sum = 0;
        int count = 0;
        double least = 1;
        std::string least_scene;
    };
    std::map<std::string, Tally> similarity_by_language;
    for (const kiosk::Language language : kiosk::kAllLanguages) {
        for (const Scene& scene : every_scene()) {
            const ui::ViewModel view = view_of(scene, language, Theme::Normal);
            SCOPED_TRACE(scene.name + " in " + view.language);
            const ReadTitle read =
                read_title(*camera, **font, reader, view,
                           screenshot_path(scratch.path(), portrait, Theme::Normal, scene.name, language));
            const double similarity = text_similarity(view.title, read.text);
            Tally& tally = similarity_by_language[view.language];
            tally.sum += similarity;
            ++tally.count;
            if (similarity < tally.least) {
                tally.least = similarity;
                tally.least_scene = scene.name;
            }
            if (similarity < kMinSimilarity) {
                const auto kept = failures / (scene.name + "-" + view.language + ".png");
                std::filesystem::create_directories(failures);
                (void)read.crop.save(kept);
                ADD_FAILURE() << "title \"" << view.title << "\" read back (" << read.languages << ") as \""
                              << read.text << "\": similarity " << similarity << " < " << kMinSimilarity
                              << "; crop in " << kept.string();
            }
        }
    }
    for (const auto& [language, tally] : similarity_by_language) {
        std::printf("title read-back %-5s mean similarity %.3f over %d screens, least %.3f (%s)\n",
                    language.c_str(), tally.sum / tally.count, tally.count, tally.least,
                    tally.least_scene.c_str());
    }
    std::printf("read back in %.1f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

// The check itself: glyphs the font lacks come out as boxes, which read back as nothing like the title.
TEST(TitleReadBack, TofuAndCutOffTitlesDoNotReadBack) {
    auto font = FontMeasure::open();
    ASSERT_TRUE(font) << font.error();
    auto camera = ScreenCamera::open(kOrientations.front());
    ASSERT_TRUE(camera) << camera.error();
    const ScratchFolder scratch("ui-screens-tofu");
    TitleReader reader;

    ui::ViewModel view = view_of(every_scene().front(), kiosk::Language::English, Theme::Normal);
    view.title =
        "\U00013000\U00013001\U00013002\U00013003\U00013004\U00013005";  // hieroglyphs: not in Noto CJK
    const ReadTitle tofu = read_title(*camera, **font, reader, view, scratch.path() / "tofu.png");
    EXPECT_LT(text_similarity(view.title, tofu.text), kMinSimilarity) << "read as \"" << tofu.text << "\"";

    view.title = "Household registration self-service";
    const ReadTitle whole = read_title(*camera, **font, reader, view, scratch.path() / "whole.png");
    EXPECT_GE(text_similarity(view.title, whole.text), kMinSimilarity) << "read as \"" << whole.text << "\"";
    GreyImage left_half = whole.crop.crop({0, 0, whole.crop.width() / 2, whole.crop.height()});
    const std::string cut = reader.read(left_half.shrink(kOcrShrink), whole.languages);
    EXPECT_LT(text_similarity(view.title, cut), kMinSimilarity) << "read as \"" << cut << "\"";
}

TEST(TitleReadBack, SimilarityIgnoresWhitespaceAndFullWidthForms) {
    EXPECT_DOUBLE_EQ(text_similarity("为谁办理？", "为 谁 办 理 ?"), 1.0);
    EXPECT_DOUBLE_EQ(text_similarity("All done", "Alldone\n"), 1.0);
    EXPECT_DOUBLE_EQ(text_similarity("办理完成", "办理口口"), 0.5);
    EXPECT_DOUBLE_EQ(text_similarity("조회 결과", ""), 0.0);
}

TEST(TitleReadBack, LanguagesFollowTheScriptsOfTheTitle) {
    EXPECT_EQ(tesseract_languages_for("请核对信息"), "chi_sim");
    EXPECT_EQ(tesseract_languages_for("Please check"), "eng");
    EXPECT_EQ(tesseract_languages_for("정보를 확인해 주세요"), "kor");
    EXPECT_EQ(tesseract_languages_for("暂停服务 · Out of service · 서비스 중단"), "chi_sim+kor+eng");
}

}  // namespace
}  // namespace hk::ui_screens
