// Page clean-up against pages rendered here and degraded by known amounts: each test checks a measured
// quantity against the truth it was made with.
#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "scanner/page_cleanup/page_cleanup.h"
#include "test_page.h"

namespace hk::scanner::page {
namespace {

using test::to_image;
using test::to_mat;

const cv::Size kFrame(1600, 1200);

// Renders are cached: every test starts from the same few pages.
const cv::Mat& flatbed_page() {
    static const cv::Mat page = test::render_text_page(cv::Size(1000, 1400), 28);
    return page;
}
const cv::Mat& photo_page() {
    static const cv::Mat page = test::render_text_page(cv::Size(850, 1100), 34);
    return page;
}

// A sheet in mild perspective, well inside the frame.
std::array<cv::Point2f, 4> centred_quad() {
    return {cv::Point2f(480, 170), cv::Point2f(1120, 190), cv::Point2f(1150, 1030), cv::Point2f(450, 1010)};
}

std::array<cv::Point2f, 4> shifted(std::array<cv::Point2f, 4> quad, float dx, float dy) {
    for (auto& p : quad) p += cv::Point2f(dx, dy);
    return quad;
}

std::array<cv::Point2f, 4> scaled(std::array<cv::Point2f, 4> quad, float factor) {
    const cv::Point2f centre(static_cast<float>(kFrame.width) / 2, static_cast<float>(kFrame.height) / 2);
    for (auto& p : quad) p = centre + (p - centre) * factor;
    return quad;
}

CleanupOptions camera() {
    CleanupOptions options;
    options.source = Source::Camera;
    return options;
}

CleanupOptions flatbed(bool orientation = true) {
    CleanupOptions options;
    options.source = Source::Flatbed;
    options.detect_orientation = orientation;
    return options;
}

std::string hints_of(const QualityReport& report) {
    std::string out;
    for (const Hint h : report.hints) out += std::string(to_string(h)) + " ";
    return out.empty() ? "(none)" : out;
}

void print(const char* what, const QualityReport& r) {
    std::printf("%s: sharp %.1f glare %.4f coverage %.3f paper %.0f text %.1f ink %.3f hints %s\n", what,
                r.sharpness, r.glare_fraction, r.coverage, r.paper_brightness, r.text_height_px,
                r.ink_fraction, hints_of(r).c_str());
}

// --- deskew ---

class Deskew : public testing::TestWithParam<double> {};

TEST_P(Deskew, FindsTheAngleTheTextWasTurnedBy) {
    const double truth = GetParam();
    const Image page = to_image(test::rotate_ccw(flatbed_page(), truth), 300);
    const SkewEstimate found = estimate_skew(page);
    std::printf("skew truth %.2f found %.2f confidence %.2f\n", truth, found.angle_deg, found.confidence);
    EXPECT_NEAR(found.angle_deg, truth, 0.5);
    EXPECT_GT(found.confidence, 1.5);
}

INSTANTIATE_TEST_SUITE_P(Angles, Deskew, testing::Values(-13.0, -7.5, -2.2, 0.0, 0.8, 4.0, 9.3, 14.0));

TEST(DeskewPage, FindsTheAngleUnderShadingAndBlur) {
    cv::Mat page = test::light_gradient(test::rotate_ccw(flatbed_page(), -7.3), 0.5);
    cv::GaussianBlur(page, page, cv::Size(0, 0), 1.5);
    EXPECT_NEAR(estimate_skew(to_image(page, 300)).angle_deg, -7.3, 0.5);
}

TEST(DeskewPage, CleanPageUndoesTheTilt) {
    const Image page = to_image(test::rotate_ccw(flatbed_page(), 6.0), 300);
    const auto cleaned = clean_page(page, flatbed(false));
    ASSERT_TRUE(cleaned.has_value()) << cleaned.error();
    EXPECT_NEAR(cleaned->skew.angle_deg, 6.0, 0.5);
    // Straight again: the straightened page shows no residual skew.
    EXPECT_NEAR(estimate_skew(cleaned->grey).angle_deg, 0.0, 0.3);
}

// --- outline and perspective ---

TEST(Outline, FindsTheCornersTheSheetWasPlacedAt) {
    const auto truth = centred_quad();
    const Image frame = to_image(test::photograph(photo_page(), truth, kFrame));
    const auto quad = find_page_outline(frame);
    ASSERT_TRUE(quad.has_value()) << quad.error();
    for (std::size_t i = 0; i < 4; ++i) {
        std::printf("corner %zu truth (%.1f, %.1f) found (%.2f, %.2f)\n", i, truth[i].x, truth[i].y,
                    quad->corners[i].x, quad->corners[i].y);
        EXPECT_NEAR(quad->corners[i].x, truth[i].x, 3.0) << "corner " << i;
        EXPECT_NEAR(quad->corners[i].y, truth[i].y, 3.0) << "corner " << i;
    }
}

TEST(Outline, PerspectiveCorrectionKeepsThePagesShape) {
    // Turned and scaled but seen square-on, the sheet's true aspect ratio is known exactly.
    const cv::RotatedRect placed(cv::Point2f(800, 600), cv::Size2f(595, 770), 8.0F);
    std::array<cv::Point2f, 4> corners;
    placed.points(corners.data());  // bottom-left, top-left, top-right, bottom-right
    const std::array<cv::Point2f, 4> quad_truth{corners[1], corners[2], corners[3], corners[0]};
    const Image frame = to_image(test::photograph(photo_page(), quad_truth, kFrame));
    const auto quad = find_page_outline(frame);
    ASSERT_TRUE(quad.has_value()) << quad.error();
    const Image flat = correct_perspective(frame, *quad);
    const double aspect = static_cast<double>(flat.width) / flat.height;
    const double truth = static_cast<double>(photo_page().cols) / photo_page().rows;
    std::printf("aspect truth %.4f found %.4f (%d x %d)\n", truth, aspect, flat.width, flat.height);
    EXPECT_NEAR(aspect, truth, 0.01 * truth);
    EXPECT_NEAR(flat.width, 595, 4);
}

TEST(Outline, PerspectiveCorrectionLevelsTheLines) {
    const Image frame = to_image(test::photograph(photo_page(), centred_quad(), kFrame));
    const auto quad = find_page_outline(frame);
    ASSERT_TRUE(quad.has_value()) << quad.error();
    // The sheet's top edge rises by about 1.8 degrees in the frame; flattened, its lines are level.
    ASSERT_GT(std::abs(estimate_skew(frame).angle_deg), 1.0);
    EXPECT_NEAR(estimate_skew(correct_perspective(frame, *quad)).angle_deg, 0.0, 0.5);
}

// Pushed past the frame's top-left corner: the sides still seen meet where the hidden corner is.
std::array<cv::Point2f, 4> past_top_left_quad() {
    return {cv::Point2f(-40, -30), cv::Point2f(600, 40), cv::Point2f(640, 900), cv::Point2f(20, 860)};
}

TEST(Outline, ExtendsTheVisibleSidesToACornerOutsideTheFrame) {
    const auto truth = past_top_left_quad();
    const auto quad = find_page_outline(to_image(test::photograph(photo_page(), truth, kFrame)));
    ASSERT_TRUE(quad.has_value()) << quad.error();
    for (std::size_t i = 0; i < 4; ++i) {
        std::printf("cut corner %zu truth (%.1f, %.1f) found (%.2f, %.2f)\n", i, truth[i].x, truth[i].y,
                    quad->corners[i].x, quad->corners[i].y);
        EXPECT_NEAR(quad->corners[i].x, truth[i].x, 4.0) << "corner " << i;
        EXPECT_NEAR(quad->corners[i].y, truth[i].y, 4.0) << "corner " << i;
    }
}

TEST(Outline, PartlySeenPageIsFlattenedWithPaperWhereItWasNotSeen) {
    const Image frame = to_image(test::photograph(photo_page(), past_top_left_quad(), kFrame));
    const auto quad = find_page_outline(frame);
    ASSERT_TRUE(quad.has_value()) << quad.error();
    const cv::Mat flat = to_mat(correct_perspective(frame, *quad));
    ASSERT_FALSE(flat.empty());
    // The hidden top-left corner is filled with the paper's grey (210), not black as a constant border would
    // be.
    cv::Mat corner_grey;
    cv::cvtColor(flat(cv::Rect(0, 0, 20, 20)), corner_grey, cv::COLOR_RGB2GRAY);
    EXPECT_NEAR(cv::mean(corner_grey)[0], 210.0, 6.0);
}

TEST(Outline, AbsurdQuadsDoNotAllocate) {
    const Image frame = to_image(test::photograph(photo_page(), centred_quad(), kFrame));
    Quad huge;
    huge.corners = {Point{0, 0}, Point{1e9, 0}, Point{1e9, 1e9}, Point{0, 1e9}};
    EXPECT_TRUE(correct_perspective(frame, huge).empty());
    EXPECT_TRUE(correct_perspective(frame, Quad{}).empty());
}

TEST(Outline, ReportsWhenThereIsNoPage) {
    cv::Mat surface(kFrame, CV_8UC3, cv::Scalar::all(60));
    cv::randn(surface, cv::Scalar::all(60), cv::Scalar::all(5));
    const auto quad = find_page_outline(to_image(surface));
    ASSERT_FALSE(quad.has_value());
    EXPECT_NE(quad.error().find("no page"), std::string::npos) << quad.error();
}

// --- orientation ---

class Orient : public testing::TestWithParam<int> {};

TEST_P(Orient, TurnsThePageUpright) {
    const int turned_cw = GetParam();
    cv::Mat page = flatbed_page().clone();
    if (turned_cw == 90) cv::rotate(page, page, cv::ROTATE_90_CLOCKWISE);
    if (turned_cw == 180) cv::rotate(page, page, cv::ROTATE_180);
    if (turned_cw == 270) cv::rotate(page, page, cv::ROTATE_90_COUNTERCLOCKWISE);
    const auto cleaned = clean_page(to_image(page, 300), flatbed());
    ASSERT_TRUE(cleaned.has_value()) << cleaned.error();
    std::printf("turned %d: rotation %d confidence %.2f %s\n", turned_cw, cleaned->orientation.rotation_deg,
                cleaned->orientation.confidence, cleaned->orientation_problem.c_str());
    ASSERT_TRUE(cleaned->orientation_known) << cleaned->orientation_problem;
    EXPECT_EQ(cleaned->orientation.rotation_deg, (360 - turned_cw) % 360);
    EXPECT_GT(cleaned->orientation.confidence, 1.5);
    // Upright means the result matches the original page, and not its half turn.
    ASSERT_EQ(cleaned->grey.width, flatbed_page().cols);
    ASSERT_EQ(cleaned->grey.height, flatbed_page().rows);
    cv::Mat upright = to_mat(cleaned->grey);
    cv::Mat half_turn;
    cv::rotate(flatbed_page(), half_turn, cv::ROTATE_180);
    EXPECT_LT(cv::norm(upright, flatbed_page(), cv::NORM_L1),
              0.5 * cv::norm(upright, half_turn, cv::NORM_L1));
}

INSTANTIATE_TEST_SUITE_P(QuarterTurns, Orient, testing::Values(0, 90, 180, 270));

// --- light and binarisation ---

// Paper pixels well away from any ink, where the truth is plain white.
cv::Mat paper_mask(const cv::Mat& page) {
    cv::Mat ink;
    cv::threshold(page, ink, 200, 255, cv::THRESH_BINARY_INV);
    cv::dilate(ink, ink, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15)));
    cv::Mat paper;
    cv::bitwise_not(ink, paper);
    return paper;
}

TEST(Light, NormalisationFlattensTheBackground) {
    const cv::Mat shaded = test::light_gradient(flatbed_page(), 0.4);
    const cv::Mat paper = paper_mask(flatbed_page());
    cv::Scalar mean;
    cv::Scalar before;
    cv::meanStdDev(shaded, mean, before, paper);
    const cv::Mat flat = to_mat(normalise_light(to_image(shaded, 300)));
    cv::Scalar after;
    cv::meanStdDev(flat, mean, after, paper);
    std::printf("background std-dev before %.2f after %.2f mean after %.1f\n", before[0], after[0], mean[0]);
    EXPECT_GT(before[0], 25.0);
    EXPECT_LT(after[0], 4.0);
    EXPECT_GT(mean[0], 240.0);
}

TEST(Light, BinarisationRecoversTheInkUnderShading) {
    const cv::Mat shaded = test::light_gradient(flatbed_page(), 0.4);
    const cv::Mat binary = to_mat(binarise(normalise_light(to_image(shaded, 300))));
    cv::Mat truth;
    cv::threshold(flatbed_page(), truth, 128, 255, cv::THRESH_BINARY);
    // Anti-aliased stroke edges are neither ink nor paper: only clear pixels are judged.
    cv::Mat clear;
    cv::inRange(flatbed_page(), 64, 191, clear);
    cv::bitwise_not(clear, clear);
    const auto error_rate = [&](const cv::Mat& candidate) {
        cv::Mat wrong;
        cv::compare(candidate, truth, wrong, cv::CMP_NE);
        wrong &= clear;
        return static_cast<double>(cv::countNonZero(wrong)) / cv::countNonZero(clear);
    };
    const double ours = error_rate(binary);
    // Global Otsu on the shaded page is what this is for: it must do clearly worse.
    cv::Mat otsu;
    cv::threshold(shaded, otsu, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    const double global = error_rate(otsu);
    std::printf("binarisation error rate %.4f, global Otsu %.4f\n", ours, global);
    EXPECT_LT(ours, 0.005);
    EXPECT_GT(global, 2 * ours);
}

// --- quality and hints ---

TEST(Quality, SharpScoresAboveBlurred) {
    const cv::Mat frame = test::photograph(photo_page(), centred_quad(), kFrame);
    cv::Mat blurred;
    cv::GaussianBlur(frame, blurred, cv::Size(0, 0), 3.0);
    const auto sharp = clean_page(to_image(frame), camera());
    const auto soft = clean_page(to_image(blurred), camera());
    ASSERT_TRUE(sharp.has_value()) << sharp.error();
    ASSERT_TRUE(soft.has_value()) << soft.error();
    print("sharp", sharp->quality);
    print("blurred", soft->quality);
    EXPECT_GT(sharp->quality.sharpness, 2 * soft->quality.sharpness);
    EXPECT_FALSE(sharp->quality.has(Hint::HoldStill));
    EXPECT_TRUE(soft->quality.has(Hint::HoldStill));
}

TEST(Quality, CleanPhotoHasNoHints) {
    const auto cleaned =
        clean_page(to_image(test::photograph(photo_page(), centred_quad(), kFrame)), camera());
    ASSERT_TRUE(cleaned.has_value()) << cleaned.error();
    print("clean", cleaned->quality);
    EXPECT_TRUE(cleaned->quality.hints.empty()) << hints_of(cleaned->quality);
    const auto truth = centred_quad();
    const double truth_coverage =
        cv::contourArea(std::vector<cv::Point2f>(truth.begin(), truth.end())) / kFrame.area();
    EXPECT_NEAR(cleaned->quality.coverage, truth_coverage, 0.01);
}

struct Degradation {
    const char* name;
    cv::Mat (*make)();
    std::vector<Hint> expected;
};

cv::Mat glare_frame() {
    return test::add_glare(test::photograph(photo_page(), centred_quad(), kFrame), cv::Point2f(800, 500), 45);
}
cv::Mat small_frame() {
    return test::photograph(photo_page(), scaled(centred_quad(), 0.8F), kFrame);
}
cv::Mat dark_frame() {
    cv::Mat frame = test::photograph(photo_page(), centred_quad(), kFrame);
    frame.convertTo(frame, -1, 0.3);
    return frame;
}
cv::Mat left_frame() {
    return test::photograph(photo_page(), shifted(centred_quad(), -560, 0), kFrame);
}
cv::Mat right_frame() {
    return test::photograph(photo_page(), shifted(centred_quad(), 560, 0), kFrame);
}
cv::Mat top_frame() {
    return test::photograph(photo_page(), shifted(centred_quad(), 0, -260), kFrame);
}
cv::Mat bottom_frame() {
    return test::photograph(photo_page(), shifted(centred_quad(), 0, 260), kFrame);
}
cv::Mat blurred_frame() {
    cv::Mat frame = test::photograph(photo_page(), centred_quad(), kFrame);
    cv::GaussianBlur(frame, frame, cv::Size(0, 0), 2.5);
    return frame;
}
cv::Mat corner_frame() {
    return test::photograph(photo_page(), past_top_left_quad(), kFrame);
}
cv::Mat tiny_text_frame() {
    static const cv::Mat page = test::render_text_page(cv::Size(850, 1100), 13);
    return test::photograph(page, centred_quad(), kFrame);
}

class Hints : public testing::TestWithParam<Degradation> {};

TEST_P(Hints, AppearExactlyWhenTheirDegradationIsApplied) {
    const auto cleaned = clean_page(to_image(GetParam().make()), camera());
    ASSERT_TRUE(cleaned.has_value()) << cleaned.error();
    print(GetParam().name, cleaned->quality);
    EXPECT_EQ(cleaned->quality.hints, GetParam().expected) << hints_of(cleaned->quality);
}

INSTANTIATE_TEST_SUITE_P(
    Degradations, Hints,
    testing::Values(Degradation{"glare", glare_frame, {Hint::AvoidGlare}},
                    Degradation{"blurred", blurred_frame, {Hint::HoldStill}},
                    Degradation{"small", small_frame, {Hint::MoveCloser}},
                    Degradation{"dark", dark_frame, {Hint::TooDark}},
                    Degradation{"left", left_frame, {Hint::PageOutOfFrameLeft}},
                    Degradation{"right", right_frame, {Hint::PageOutOfFrameRight}},
                    Degradation{"top", top_frame, {Hint::PageOutOfFrameTop}},
                    Degradation{"bottom", bottom_frame, {Hint::PageOutOfFrameBottom}},
                    Degradation{"corner", corner_frame, {Hint::PageOutOfFrameTop, Hint::PageOutOfFrameLeft}},
                    Degradation{"tiny_text", tiny_text_frame, {Hint::ResolutionTooLow}}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(Quality, FlatbedResolutionComesFromTheDpi) {
    const auto fine = clean_page(to_image(flatbed_page(), 300), flatbed(false));
    const auto coarse = clean_page(to_image(flatbed_page(), 100), flatbed(false));
    ASSERT_TRUE(fine.has_value()) << fine.error();
    ASSERT_TRUE(coarse.has_value()) << coarse.error();
    print("flatbed 300", fine->quality);
    EXPECT_TRUE(fine->quality.hints.empty()) << hints_of(fine->quality);
    EXPECT_EQ(coarse->quality.hints, std::vector<Hint>{Hint::ResolutionTooLow}) << hints_of(coarse->quality);
    EXPECT_DOUBLE_EQ(fine->quality.coverage, 1.0);
}

// --- whole pipeline ---

// How alike two pages are, independent of size: correlation of small copies.
double likeness(const cv::Mat& a, const cv::Mat& b) {
    cv::Mat sa;
    cv::Mat sb;
    cv::resize(a, sa, cv::Size(85, 110), 0, 0, cv::INTER_AREA);
    cv::resize(b, sb, cv::Size(85, 110), 0, 0, cv::INTER_AREA);
    cv::Mat score;
    cv::matchTemplate(sa, sb, score, cv::TM_CCOEFF_NORMED);
    return score.at<float>(0, 0);
}

TEST(Pipeline, UpsideDownPhotoUnderUnevenLightComesOutUpright) {
    cv::Mat upside_down;
    cv::rotate(photo_page(), upside_down, cv::ROTATE_180);
    const cv::Mat frame = test::light_gradient(test::photograph(upside_down, centred_quad(), kFrame), 0.6);
    const auto cleaned = clean_page(to_image(frame), camera());
    ASSERT_TRUE(cleaned.has_value()) << cleaned.error();
    ASSERT_TRUE(cleaned->outline.has_value());
    ASSERT_TRUE(cleaned->orientation_known) << cleaned->orientation_problem;
    EXPECT_EQ(cleaned->orientation.rotation_deg, 180);
    EXPECT_NEAR(cleaned->skew.angle_deg, 0.0, 0.5);
    const double upright = likeness(to_mat(cleaned->grey), photo_page());
    cv::Mat turned_back;
    cv::rotate(photo_page(), turned_back, cv::ROTATE_180);
    std::printf("likeness to the page %.3f, to its half turn %.3f\n", upright,
                likeness(to_mat(cleaned->grey), turned_back));
    EXPECT_GT(upright, 0.8);
    EXPECT_GT(upright, likeness(to_mat(cleaned->grey), turned_back) + 0.3);
    EXPECT_GT(likeness(to_mat(cleaned->binary), photo_page()), 0.8);
}

TEST(Pipeline, FlatbedPageOnItsSideAndTiltedIsStraightenedThenTurned) {
    cv::Mat sideways;
    cv::rotate(flatbed_page(), sideways, cv::ROTATE_90_CLOCKWISE);
    const auto cleaned = clean_page(to_image(test::rotate_ccw(sideways, 5.0), 300), flatbed());
    ASSERT_TRUE(cleaned.has_value()) << cleaned.error();
    EXPECT_NEAR(cleaned->skew.angle_deg, 5.0, 0.5);
    ASSERT_TRUE(cleaned->orientation_known) << cleaned->orientation_problem;
    EXPECT_EQ(cleaned->orientation.rotation_deg, 270);
    EXPECT_LT(cleaned->grey.width, cleaned->grey.height);
    EXPECT_NEAR(estimate_skew(cleaned->grey).angle_deg, 0.0, 0.3);
}

TEST(Pipeline, MissingOsdDataLeavesThePageUnturnedAndSaysWhy) {
    PageCleaner cleaner;
    CleanupOptions options = flatbed();
    options.tessdata_dir = "/nonexistent/tessdata";
    cv::Mat upside_down;
    cv::rotate(flatbed_page(), upside_down, cv::ROTATE_180);
    const auto cleaned = cleaner.clean(to_image(upside_down, 300), options);
    ASSERT_TRUE(cleaned.has_value()) << cleaned.error();
    EXPECT_FALSE(cleaned->orientation_known);
    EXPECT_NE(cleaned->orientation_problem.find("osd.traineddata"), std::string::npos)
        << cleaned->orientation_problem;
    EXPECT_EQ(cleaned->orientation.rotation_deg, 0);
}

TEST(Pipeline, BlankPageHasNoOrientationButIsStillCleaned) {
    const cv::Mat blank(1400, 1000, CV_8UC1, cv::Scalar(235));
    const auto cleaned = clean_page(to_image(blank, 300), flatbed());
    ASSERT_TRUE(cleaned.has_value()) << cleaned.error();
    EXPECT_FALSE(cleaned->orientation_known);
    EXPECT_FALSE(cleaned->orientation_problem.empty());
    EXPECT_EQ(cleaned->quality.text_height_px, 0.0);
    EXPECT_EQ(cv::countNonZero(to_mat(cleaned->binary) == 0), 0) << "blank paper must binarise to no ink";
    // Nothing on it is not the same as blurred.
    EXPECT_TRUE(cleaned->quality.hints.empty()) << hints_of(cleaned->quality);
}

// --- garbage ---

TEST(Garbage, EmptyAndTinyImagesAreErrors) {
    EXPECT_FALSE(clean_page(Image{}, flatbed()).has_value());
    EXPECT_FALSE(clean_page(Image{}, camera()).has_value());
    Image one{.width = 1, .height = 1, .channels = 1, .dpi = 0, .pixels = {128}};
    EXPECT_FALSE(clean_page(one, flatbed()).has_value());
    EXPECT_FALSE(clean_page(one, camera()).has_value());
    // Dimensions that do not match the buffer must not be trusted.
    Image lying{
        .width = 500, .height = 500, .channels = 3, .dpi = 0, .pixels = std::vector<std::uint8_t>(10)};
    EXPECT_FALSE(clean_page(lying, flatbed()).has_value());
    EXPECT_FALSE(find_page_outline(lying).has_value());
}

TEST(Garbage, AllBlackIsTooDarkOrHasNoPage) {
    const Image black = to_image(cv::Mat(600, 800, CV_8UC3, cv::Scalar::all(0)));
    EXPECT_FALSE(clean_page(black, camera()).has_value());
    const auto scanned = clean_page(black, flatbed());
    ASSERT_TRUE(scanned.has_value()) << scanned.error();
    EXPECT_TRUE(scanned->quality.has(Hint::TooDark)) << hints_of(scanned->quality);
    EXPECT_FALSE(scanned->orientation_known);
}

TEST(Garbage, NoiseGivesAnErrorOrAReportNeverACrash) {
    cv::Mat noise(600, 800, CV_8UC1);
    cv::RNG(3).fill(noise, cv::RNG::UNIFORM, 0, 256);
    const auto photo = clean_page(to_image(noise), camera());
    const auto scan = clean_page(to_image(noise), flatbed());
    ASSERT_TRUE(scan.has_value()) << scan.error();
    if (photo.has_value()) print("noise photo", photo->quality);
    print("noise scan", scan->quality);
    EXPECT_FALSE(photo.has_value());
    // Noise has no text lines: the page is not turned by a made-up skew.
    EXPECT_EQ(scan->skew.angle_deg, 0.0) << "confidence " << scan->skew.confidence;
    EXPECT_EQ(scan->grey.width * scan->grey.height, scan->binary.width * scan->binary.height);
}

}  // namespace
}  // namespace hk::scanner::page
