// kioskctl mrz on image files: pages drawn by the MRZ tests' generator, read by the kiosk's OCR-B reader.
#include "mrz_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <sstream>

#include "mrz_image_gen.h"

namespace hk::kiosk::ctl {
namespace {

std::filesystem::path write_png(const scanner::Image& image, const std::filesystem::path& file) {
    const cv::Mat view(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3,
                       const_cast<std::uint8_t*>(image.pixels.data()));
    EXPECT_TRUE(cv::imwrite(file.string(), view));
    return file;
}

TEST(MrzCommand, ReadsEveryPageAndSaysWhichCouldNotBeRead) {
    const auto dir = std::filesystem::temp_directory_path() / ("hukiosk-ctl-mrz-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::vector<std::string> specimen = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                               "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};
    const auto page =
        write_png(scanner::testing::render_mrz_page(specimen, 300, false, 1).image, dir / "td3.png");
    std::mt19937_64 random(7);
    const auto card_lines = scanner::testing::random_mrz_lines(scanner::MrzFormat::TD1, random);
    const auto card =
        write_png(scanner::testing::render_mrz_page(card_lines, 300, true, 2).image, dir / "td1.png");
    std::ofstream(dir / "blank.pgm") << "P2\n4 4\n255\n"
                                     << std::string(16, ' ') << "255 255 255 255\n"
                                     << "255 255 255 255\n255 255 255 255\n255 255 255 255\n";

    MrzOptions options;
    options.images = {page, card};
    options.json = true;
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(run_mrz(options, out, err), 0) << err.str() << out.str();
    std::istringstream lines(out.str());
    std::string line;
    std::getline(lines, line);
    const auto first = nlohmann::json::parse(line);
    EXPECT_EQ(first["format"], "TD3");
    EXPECT_EQ(first["lines"][1], specimen[1]);
    EXPECT_EQ(first["check_digits"], "valid");
    std::getline(lines, line);
    const auto second = nlohmann::json::parse(line);
    EXPECT_EQ(second["format"], "TD1");
    EXPECT_EQ(second["lines"][0], card_lines[0]);

    options.images = {dir / "blank.pgm"};
    out.str("");
    EXPECT_EQ(run_mrz(options, out, err), 1);
    EXPECT_NE(out.str().find("no_mrz"), std::string::npos) << out.str();
    options.images = {dir / "missing.png"};
    EXPECT_EQ(run_mrz(options, out, err), 2);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hk::kiosk::ctl
