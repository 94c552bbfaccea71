// kioskctl ocr on image files: household register pages rendered in Noto CJK by the page-OCR tests'
// generator, read through the kiosk's own pipeline (clean-up, Tesseract, identification, field extraction).
#include "ocr_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "scanner/sim/page_gen.h"

namespace hk::kiosk::ctl {
namespace {

using nlohmann::json;

class OcrCommand : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("hukiosk-ctl-ocr-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir_);
        options_.json = true;
        options_.today = std::chrono::year{2026} / 11 / 23;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    // A household register card's main lines; 110105199005170011 is a valid GB 11643 number.
    std::filesystem::path register_page(const std::string& name, double tilt_degrees) {
        const auto generated =
            scanner::sim::render_register_card({"王小明", "子", "汉", "1990年05月17日", "110105199005170011",
                                                "北京市朝阳区建国路88号", "2015年09月01日"});
        cv::Mat image(generated.image.height, generated.image.width, CV_8UC1,
                      const_cast<std::uint8_t*>(generated.image.pixels.data()));
        if (tilt_degrees != 0) {
            const cv::Mat turn = cv::getRotationMatrix2D(
                cv::Point2f(static_cast<float>(image.cols) / 2.0F, static_cast<float>(image.rows) / 2.0F),
                tilt_degrees, 1.0);
            cv::Mat tilted;
            cv::warpAffine(image, tilted, turn, image.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                           cv::Scalar(255));
            image = tilted;
        }
        const auto file = dir_ / name;
        EXPECT_TRUE(cv::imwrite(file.string(), image));
        return file;
    }

    std::vector<json> run(int expected_status) {
        std::ostringstream out;
        std::ostringstream err;
        EXPECT_EQ(run_ocr(options_, out, err), expected_status) << err.str() << out.str();
        std::vector<json> results;
        std::istringstream lines(out.str());
        for (std::string line; std::getline(lines, line);) results.push_back(json::parse(line));
        return results;
    }

    static json field(const json& result, const std::string& id) {
        for (const json& f : result["fields"]) {
            if (f["id"] == id) return f;
        }
        return json();
    }

    std::filesystem::path dir_;
    OcrOptions options_;
};

TEST_F(OcrCommand, ReadsAHouseholdRegisterPageStraightOrTilted) {
    options_.images = {register_page("straight.png", 0), register_page("tilted.png", 4)};
    const auto results = run(0);
    ASSERT_EQ(results.size(), 2U);
    for (const json& result : results) {
        EXPECT_EQ(result["result"], "read") << result.dump(1);
        EXPECT_EQ(result["document"], "household_register_page");
        EXPECT_EQ(field(result, "id_number")["value"], "110105199005170011") << result.dump(1);
        EXPECT_EQ(field(result, "id_number")["status"], "ok");
        EXPECT_EQ(field(result, "birth_date")["value"], "1990-05-17");
        EXPECT_EQ(field(result, "date_of_entry")["value"], "2015-09-01");
        EXPECT_TRUE(result["quality"]["hints"].empty()) << result["quality"].dump();
    }
    // The tilt was found and undone before OCR.
    EXPECT_NEAR(std::abs(results[1]["skew_deg"].get<double>()), 4.0, 0.5);
}

TEST_F(OcrCommand, AnUnrelatedPageIsNotADocumentAndAMissingFileIsAnError) {
    scanner::sim::PageOptions page;
    page.width = 1400;
    page.height = 600;
    const auto generated =
        scanner::sim::render_lines({{"Electricity bill", 150, 120}, {"Amount due: 231.50", 150, 300}}, page);
    const cv::Mat image(generated.image.height, generated.image.width, CV_8UC1,
                        const_cast<std::uint8_t*>(generated.image.pixels.data()));
    ASSERT_TRUE(cv::imwrite((dir_ / "bill.png").string(), image));
    options_.images = {dir_ / "bill.png"};
    const auto results = run(1);
    ASSERT_EQ(results.size(), 1U);
    EXPECT_EQ(results[0]["result"], "unknown_document");
    EXPECT_FALSE(results[0].contains("fields"));

    options_.images = {dir_ / "missing.png"};
    run(2);
    options_.document_type = "no_such_document";
    options_.images = {dir_ / "bill.png"};
    run(2);
}

TEST(OcrDates, TodayIsARealDateOrRefused) {
    EXPECT_EQ(parse_date("2026-02-28"), std::chrono::year{2026} / 2 / 28);
    EXPECT_FALSE(parse_date("2026-02-30").has_value());
    EXPECT_FALSE(parse_date("2026-2-3").has_value());
    EXPECT_FALSE(parse_date("yesterday!").has_value());
    EXPECT_TRUE(parse_date("").has_value());
}

}  // namespace
}  // namespace hk::kiosk::ctl
