// The OCR-B MRZ reader end to end: rendered ICAO specimens, a generated degraded set, bad input, the device.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include <cstdio>
#include <cstdlib>

#include "band.h"
#include "glyph_models.h"
#include "mrz_image_gen.h"
#include "scanner/mrz_ocr/mrz_ocr.h"

namespace hk::scanner {
namespace {

using testing::generate_mrz_sample;
using testing::MrzImageOptions;
using testing::render_mrz_page;

const std::vector<std::string> kTd3 = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                       "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};
const std::vector<std::string> kTd2 = {"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
                                       "D231458907UTO7408122F1204159<<<<<<<6"};
const std::vector<std::string> kTd1 = {"I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                                       "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"};

TEST(MrzOcr, GlyphModelsBuildQuicklyAndTemplatesAreCompared) {
    const auto& models = mrz_ocr::GlyphModels::instance();
    EXPECT_LT(models.build_milliseconds(), 1000.0);
    const auto c = mrz_ocr::compare_classifiers();
    std::printf(
        "glyph models built in %.1f ms; held-out %d glyphs: templates %.2f %% at %.1f us/glyph, "
        "kNN(k=3) %.2f %% at %.1f us/glyph (train %.1f ms)\n",
        models.build_milliseconds(), c.test_glyphs, 100 * c.template_accuracy, c.template_us_per_glyph,
        100 * c.knn_accuracy, c.knn_us_per_glyph, c.knn_train_ms);
    EXPECT_GT(c.template_accuracy, 0.97);
}

TEST(MrzOcr, CleanIcaoSpecimensReadExactly) {
    for (const auto* lines : {&kTd3, &kTd2, &kTd1}) {
        for (int dpi : {150, 300, 600}) {
            const auto sample = render_mrz_page(*lines, dpi, false, 1);
            const auto result = read_mrz(sample.image);
            ASSERT_TRUE(result.has_value()) << result.error() << " at " << dpi;
            EXPECT_EQ(result->lines, *lines) << dpi << " dpi";
            EXPECT_TRUE(result->parsed.has_value()) << dpi;
            EXPECT_GT(result->confidence, 0.6);
            std::printf("clean %zu lines at %d dpi: %.1f ms\n", lines->size(), dpi, result->milliseconds);
        }
    }
}

TEST(MrzOcr, VisasReadWithTheirOwnLayout) {
    // The ICAO part 7 specimens: a TD3/TD2 layout would try to repair toward a composite check they lack.
    const std::vector<std::vector<std::string>> specimens = {
        {"VNUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"},
        {"VNUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"}};
    for (const auto& lines : specimens) {
        const auto result = read_mrz(render_mrz_page(lines, 300, false, 3).image);
        ASSERT_TRUE(result.has_value()) << result.error();
        EXPECT_EQ(result->lines, lines);
        EXPECT_EQ(result->format, lines[0].size() == 44 ? MrzFormat::MRVA : MrzFormat::MRVB);
        ASSERT_TRUE(result->parsed.has_value());
        for (const auto& field : result->fields) EXPECT_NE(field.field, "composite");
    }
    int exact = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        MrzImageOptions options;
        options.format = seed % 2 == 0 ? MrzFormat::MRVA : MrzFormat::MRVB;
        const auto sample = generate_mrz_sample(seed, options);
        const auto result = read_mrz(sample.image);
        exact +=
            result && result->parsed && result->lines == sample.lines && result->format == *options.format;
    }
    EXPECT_GE(exact, 18) << "of 20 degraded visas";
}

TEST(MrzOcr, GeneratedTruthIsValid) {
    for (std::uint64_t seed = 0; seed < 200; ++seed) {
        std::mt19937_64 rng(seed);
        for (auto format :
             {MrzFormat::TD1, MrzFormat::TD2, MrzFormat::TD3, MrzFormat::MRVA, MrzFormat::MRVB}) {
            const auto lines = testing::random_mrz_lines(format, rng);
            const auto parsed = parse_mrz(lines);
            ASSERT_TRUE(parsed.has_value()) << lines[0] << "\n" << lines[1];
        }
    }
}

TEST(MrzOcr, DegradedSetReadsAtLeast98Percent) {
    constexpr int kImages = 100;
    int exact = 0;
    int wrong_but_valid = 0;
    double ms = 0;
    for (int seed = 1; seed <= kImages; ++seed) {
        // MRZ_SEED_BASE moves the set, to look at other images than the gated hundred.
        const char* base = std::getenv("MRZ_SEED_BASE");
        const auto sample =
            generate_mrz_sample(static_cast<std::uint64_t>(seed + (base != nullptr ? std::atoi(base) : 0)));
        const auto result = read_mrz(sample.image);
        const bool ok = result && result->parsed && result->lines == sample.lines;
        exact += ok;
        wrong_but_valid += result && result->parsed && result->lines != sample.lines;
        if (result) ms += result->milliseconds;
        if (!ok && std::getenv("MRZ_DUMP")) {
            const cv::Mat view(sample.image.height, sample.image.width, CV_8UC1,
                               const_cast<std::uint8_t*>(sample.image.pixels.data()));
            cv::imwrite("/tmp/mrz_seed_" + std::to_string(seed) + ".png", view);
        }
        if (!ok) {
            std::printf("seed %d (%d dpi) %s\n", seed, sample.dpi,
                        result ? "misread" : result.error().c_str());
            for (std::size_t l = 0; l < sample.lines.size(); ++l) {
                std::printf("  truth %s\n  read  %s\n", sample.lines[l].c_str(),
                            result && l < result->lines.size() ? result->lines[l].c_str() : "-");
            }
        }
    }
    std::printf("degraded set: %d / %d exact, %.1f ms per image\n", exact, kImages, ms / kImages);
    EXPECT_GE(exact, 98);  // 100 of 100 when written; the benchmark measures the rate on 1,000
    EXPECT_EQ(wrong_but_valid, 0);
}

// Glare over the right of a page: its fillers fade almost to paper, so one threshold for the whole page cuts
// them out of the band and the cells would be laid on a wrong pitch.
TEST(MrzOcr, PrintFadedUnderGlareIsFoundAgainstLocalPrintStrength) {
    auto sample = render_mrz_page(kTd3, 300, false, 1);
    Image& page = sample.image;
    const int faded_from = page.width * 3 / 5;
    for (int y = 0; y < page.height; ++y) {
        for (int x = faded_from; x < page.width; ++x) {
            auto& p = page.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(page.width) +
                                  static_cast<std::size_t>(x)];
            p = static_cast<std::uint8_t>(p + (255 - p) * 70 / 100);  // 225 levels of print contrast to 68
        }
    }
    const cv::Mat grey(page.height, page.width, CV_8UC1, page.pixels.data());
    const mrz_ocr::BandFinder finder(grey);
    const auto by_page = finder.find(mrz_ocr::PrintMask::PageThreshold);
    const auto by_local = finder.find(mrz_ocr::PrintMask::LocalStrength);
    ASSERT_TRUE(by_local.has_value());
    const auto length = [](const cv::RotatedRect& r) { return std::max(r.size.width, r.size.height); };
    // The page threshold loses the faded part of the lines (or the band); the local mask keeps it.
    if (by_page) {
        EXPECT_LT(length(by_page->lines.back()), 0.8f * length(by_local->lines.back()));
    }
    const auto result = read_mrz(page);
    ASSERT_TRUE(result.has_value()) << result.error();
    EXPECT_EQ(result->lines, kTd3);
    EXPECT_TRUE(result->parsed.has_value());
}

TEST(MrzOcr, AGarbledBandRepairedIntoValidCheckDigitsIsNotTrusted) {
    // Pages whose bands come out garbled (a misplaced grid): the check-digit search can make every check hold
    // on nonsense, and only the confidence and the glyph fit tell. Whatever is read, a wrong read must not
    // count as valid. The last three were read valid and wrong before the glyph fit was checked.
    for (const std::uint64_t seed : {212U, 394U, 100711U, 100878U, 100904U}) {
        const auto sample = generate_mrz_sample(seed);
        const auto result = read_mrz(sample.image);
        if (!result) continue;
        if (result->lines != sample.lines) {
            EXPECT_FALSE(result->parsed.has_value()) << "seed " << seed << " read wrong but valid";
        }
        if (!result->parsed && result->parsed.error() == MrzError::LowConfidence) {
            // The reader behind the kiosk's session refuses it: its lines alone would parse.
            EXPECT_TRUE(parse_mrz(result->lines).has_value());
        }
    }
}

TEST(MrzOcr, BlankPageIsAClearError) {
    Image blank{1200, 900, 1, 300, std::vector<std::uint8_t>(1200 * 900, 235)};
    const auto result = read_mrz(blank);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error(), "no MRZ band found");
}

TEST(MrzOcr, GarbageImagesGiveErrorsNotCrashes) {
    std::mt19937_64 rng(3);
    Image noise{900, 700, 1, 0, {}};
    for (int i = 0; i < 900 * 700; ++i) noise.pixels.push_back(static_cast<std::uint8_t>(rng()));
    const auto result = read_mrz(noise);
    EXPECT_TRUE(!result.has_value() || !result->parsed.has_value());

    EXPECT_FALSE(read_mrz(Image{}).has_value());
    EXPECT_FALSE(read_mrz(Image{10, 10, 1, 0, std::vector<std::uint8_t>(100, 0)}).has_value());
    EXPECT_FALSE(
        read_mrz(Image{100, 100, 1, 0, std::vector<std::uint8_t>(7, 0)}).has_value());  // short buffer
    // Stripes: long lines that are not print.
    Image stripes{1000, 700, 1, 0, std::vector<std::uint8_t>(1000 * 700, 230)};
    for (int y = 500; y < 700; ++y) {
        if ((y / 12) % 2 == 0) std::fill_n(stripes.pixels.begin() + y * 1000 + 50, 900, std::uint8_t{20});
    }
    const auto striped = read_mrz(stripes);
    EXPECT_TRUE(!striped.has_value() || !striped->parsed.has_value());
}

TEST(MrzOcr, RgbInputReads) {
    const auto sample = render_mrz_page(kTd3, 300, false, 1);
    Image rgb{sample.image.width, sample.image.height, 3, 300, {}};
    for (auto p : sample.image.pixels) rgb.pixels.insert(rgb.pixels.end(), {p, p, p});
    const auto result = read_mrz(rgb);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->lines, kTd3);
}

class PageScanner : public DocumentScanner {
  public:
    std::optional<Image> page;
    drivers::DeviceStatus status() override {
        drivers::DeviceStatus s;
        s.ready = true;
        return s;
    }
    drivers::SelfTestResult self_test() override { return {true, std::nullopt, "test scanner", {}}; }
    std::expected<Image, drivers::DeviceFault> scan_page(const ScanRequest&) override {
        if (!page)
            return std::unexpected(
                drivers::DeviceFault{kind(), drivers::FaultKind::NoDocument, "empty glass"});
        return *page;
    }
};

TEST(MrzOcr, OcrMrzReaderScansAndReads) {
    PageScanner scanner;
    OcrMrzReader reader(scanner);
    auto none = reader.read_mrz_lines();
    ASSERT_FALSE(none.has_value());
    EXPECT_EQ(none.error().kind, drivers::FaultKind::NoDocument);

    scanner.page = Image{800, 600, 1, 300, std::vector<std::uint8_t>(800 * 600, 240)};
    auto blank = reader.read_mrz_lines();
    ASSERT_FALSE(blank.has_value());
    EXPECT_EQ(blank.error().kind, drivers::FaultKind::Unreadable);

    scanner.page = render_mrz_page(kTd1, 300, false, 1).image;
    auto lines = reader.read_mrz_lines();
    ASSERT_TRUE(lines.has_value());
    EXPECT_EQ(*lines, kTd1);
    ASSERT_TRUE(reader.last().has_value());
    EXPECT_EQ(reader.last()->format, MrzFormat::TD1);
}

}  // namespace
}  // namespace hk::scanner
