// End to end: the real kiosk binary, headless, in simulation, driven by scripted citizens. Checks what a
// person would: the certificate's text, the receipt, one distinct screenshot per screen, and a transcript
// without personal data.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "app/page_png.h"
#include "kiosk_process.h"
#include "mrz_image_gen.h"
#include "sim/simulation.h"
#include "sim/world.h"

namespace {

namespace fs = std::filesystem;

const fs::path kScripts = fs::path(HUKIOSK_SOURCE_DIR) / "tests/e2e/scripts";

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string run_capture(const std::string& command) {
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return output;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
    pclose(pipe);
    return output;
}

class KioskEndToEnd : public ::testing::Test {
  protected:
    fs::path out_ = fs::path(::testing::TempDir()) /
                    ("e2e-" + std::to_string(getpid()) + "-" +
                     std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));

    void SetUp() override {
        fs::remove_all(out_);
        fs::create_directories(out_);
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(out_);  // kept for a look when something failed
    }

    int run(const std::string& script, const std::string& config_json = "") {
        std::string command = std::string(HUKIOSK_KIOSK_BINARY) + " --simulate --headless --script " +
                              (kScripts / script).string() + " --out " + out_.string();
        if (!config_json.empty()) {
            std::ofstream(out_ / "config.json") << config_json;
            command += " --config " + (out_ / "config.json").string();
        }
        command += " > " + (out_ / "kiosk.log").string() + " 2>&1";
        const int status = std::system(command.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::string log() { return read_file(out_ / "kiosk.log"); }
    std::string transcript() { return read_file(out_ / "transcript.txt"); }

    std::vector<fs::path> files(const fs::path& dir, const std::string& extension) {
        std::vector<fs::path> found;
        if (!fs::exists(dir)) return found;
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (entry.path().extension() == extension) found.push_back(entry.path());
        }
        std::sort(found.begin(), found.end());
        return found;
    }

    void expect_no_personal_data(const std::string& text) {
        for (const auto& person : hk::kiosk::sim::demo_world().people) {
            EXPECT_EQ(text.find(person.id_number), std::string::npos) << "ID number of " << person.household;
            EXPECT_EQ(text.find(person.name), std::string::npos)
                << "a name from household " << person.household;
            if (person.passport) {
                EXPECT_EQ(text.find(person.passport->document_number), std::string::npos);
            }
        }
    }
};

TEST_F(KioskEndToEnd, DemoIssuesAProofOfFamilyRelationship) {
    ASSERT_EQ(run("../../../kiosk/scripts/demo-family-proof.script"), 0) << log();

    const auto pdfs = files(out_, ".pdf");
    ASSERT_EQ(pdfs.size(), 1u);
    const std::string text = run_capture("pdftotext -layout '" + pdfs[0].string() + "' -");
    EXPECT_NE(text.find("亲属关系证明"), std::string::npos) << text;
    EXPECT_NE(text.find("Proof of Family Relationship"), std::string::npos);
    EXPECT_NE(text.find("王小明"), std::string::npos);  // the holder
    EXPECT_NE(text.find("李静"), std::string::npos);    // a relative in the household
    EXPECT_EQ(files(out_, ".png").size(), 1u);          // one receipt

    // A screenshot of every screen, each a real picture, and different screens look different.
    const auto shots = files(out_ / "screens", ".png");
    ASSERT_GE(shots.size(), 12u);
    std::map<std::string, std::string> by_screen;
    for (const fs::path& shot : shots) {
        const std::string content = read_file(shot);
        ASSERT_GT(content.size(), 5'000u) << shot;
        EXPECT_EQ(content.substr(1, 3), "PNG");
        const std::string screen = shot.stem().string().substr(3);
        if (by_screen.contains(screen)) continue;  // the same screen again (attract at the end)
        for (const auto& [other, other_content] : by_screen)
            EXPECT_NE(content, other_content) << screen << " vs " << other;
        by_screen.emplace(screen, content);
    }
    for (const char* screen : {"attract", "language", "catalogue", "notification_form", "for_whom",
                               "identify_method", "identify_card", "review", "printing", "done"}) {
        EXPECT_TRUE(by_screen.contains(screen)) << screen;
    }

    const std::string steps = transcript();
    EXPECT_NE(steps.find("command IssueCertificate"), std::string::npos);
    EXPECT_NE(steps.find("command WipePersonalData"), std::string::npos);
    expect_no_personal_data(steps);
    expect_no_personal_data(log());
}

TEST_F(KioskEndToEnd, PassportHolderRepresentedBySomeoneElseFilesAnApplication) {
    ASSERT_EQ(run("passport-for-someone-else-application.script"), 0) << log();
    EXPECT_TRUE(files(out_, ".pdf").empty());   // applications print no certificate
    EXPECT_EQ(files(out_, ".png").size(), 1u);  // the receipt with the tracking number
    const std::string steps = transcript();
    EXPECT_NE(steps.find("command ReadMrz"), std::string::npos);
    EXPECT_NE(steps.find("command ReadChip"), std::string::npos);
    EXPECT_NE(steps.find("command FileApplication"), std::string::npos);
    bool asked_screenshot = false;
    for (const fs::path& shot : files(out_ / "screens", ".png")) {
        asked_screenshot |= shot.filename().string().ends_with("-application-done.png");
    }
    EXPECT_TRUE(asked_screenshot);
    expect_no_personal_data(steps);
}

TEST_F(KioskEndToEnd, AHouseholdRegisterPageOnTheScannerIsReadForTheReviewScreen) {
    ASSERT_EQ(run("../../../kiosk/scripts/demo-register-page.script"), 0) << log();
    const std::string steps = transcript();
    // The simulated scanner's page went through the real page reader (clean-up, Tesseract, template).
    EXPECT_NE(steps.find("event   PageRead page=1 document=household_register_page"), std::string::npos)
        << steps;
    bool read_screen = false;
    for (const fs::path& shot : files(out_ / "screens", ".png")) {
        read_screen |= shot.filename().string().ends_with("-review-register-page-read.png");
    }
    EXPECT_TRUE(read_screen);
    // What was read is personal data: on the screen when asked, never in the transcript or the log.
    expect_no_personal_data(steps);
    expect_no_personal_data(log());
}

TEST_F(KioskEndToEnd, APageUnderTheDocumentCameraIsPreviewedTakenWhenStillAndRead) {
    ASSERT_EQ(run("../../../kiosk/scripts/demo-camera-page.script", R"({"camera": {"for_documents": true}})"),
              0)
        << log();
    const std::string steps = transcript();
    // The live picture told the citizen what to do before the page was taken by itself, then read.
    const auto told = steps.find("ScanPreview request=3 hints=camera_move_down");
    const auto still = steps.find("ScanPreview request=3 hints=none");
    const auto taken = steps.find("PageScanned request=3 page=1");
    ASSERT_NE(told, std::string::npos) << steps;
    ASSERT_NE(still, std::string::npos) << steps;
    ASSERT_NE(taken, std::string::npos) << steps;
    EXPECT_LT(told, still);
    EXPECT_LT(still, taken);
    EXPECT_NE(steps.find("event   PageRead page=1 document=household_register_page"), std::string::npos)
        << steps;
    bool preview_shot = false;
    for (const fs::path& shot : files(out_ / "screens", ".png")) {
        preview_shot |= shot.filename().string().ends_with("-camera-preview-page-off-the-top.png");
    }
    EXPECT_TRUE(preview_shot);
    expect_no_personal_data(steps);
    expect_no_personal_data(log());
}

TEST_F(KioskEndToEnd, PaperRecordsAreReferredToTheirStation) {
    ASSERT_EQ(run("referral-paper-records.script"), 0) << log();
    EXPECT_TRUE(files(out_, ".pdf").empty());
    EXPECT_EQ(files(out_, ".png").size(), 1u);  // the address slip
    EXPECT_EQ(transcript().find("IssueCertificate"), std::string::npos);
}

TEST_F(KioskEndToEnd, InquiriesNeedNoIdentity) {
    ASSERT_EQ(run("inquiry.script"), 0) << log();
    const std::string steps = transcript();
    EXPECT_EQ(steps.find("ReadResidentIdCard"), std::string::npos);
    EXPECT_NE(steps.find("QueryApplicationStatus"), std::string::npos);
    EXPECT_EQ(steps.find("202611000017"), std::string::npos);  // typed digits are not logged
}

TEST_F(KioskEndToEnd, JammedPrinterKeepsTheCertificateAndTakesTheKioskOutOfService) {
    ASSERT_EQ(run("printer-jam-keeps-certificate.script"), 0) << log();
    const std::string steps = transcript();
    EXPECT_NE(steps.find("command KeepForReprint"), std::string::npos);
    EXPECT_NE(steps.find("device=a4_printer ready=no"), std::string::npos);
    EXPECT_TRUE(files(out_, ".pdf").empty());
}

TEST_F(KioskEndToEnd, ACertificateKeptAfterPaperOutIsReprintedForItsHolderOnly) {
    ASSERT_EQ(run("reprint-after-paper-out.script"), 0) << log();
    const std::string steps = transcript();
    std::size_t issues = 0;
    for (std::size_t at = steps.find("command IssueCertificate"); at != std::string::npos;
         at = steps.find("command IssueCertificate", at + 1)) {
        ++issues;
    }
    EXPECT_EQ(issues, 1u) << "issued once, printed from the journal";
    // The other person's lookup comes first and finds nothing; the holder's finds the certificate.
    const std::size_t none = steps.find("found=no");
    const std::size_t found = steps.find("found=yes");
    ASSERT_NE(none, std::string::npos) << steps;
    ASSERT_NE(found, std::string::npos) << steps;
    EXPECT_LT(none, found);
    const auto pdfs = files(out_, ".pdf");
    ASSERT_EQ(pdfs.size(), 1u);
    EXPECT_NE(pdfs.front().filename().string().find("HK2026"), std::string::npos);
}

TEST_F(KioskEndToEnd, CentralOutageRetriedIssuesExactlyOnce) {
    ASSERT_EQ(run("central-down-then-retry.script"), 0) << log();
    const std::string steps = transcript();
    std::size_t issues = 0;
    for (std::size_t at = steps.find("event   CertificateIssued"); at != std::string::npos;
         at = steps.find("event   CertificateIssued", at + 1)) {
        ++issues;
    }
    EXPECT_EQ(issues, 1u);
    EXPECT_EQ(files(out_, ".pdf").size(), 1u);
}

TEST_F(KioskEndToEnd, IdleCitizenIsWarnedThenWiped) {
    ASSERT_EQ(run("idle-citizen-is-timed-out.script", R"({"idle_timeout_s": 1, "timeout_warning_s": 1})"), 0)
        << log();
    const std::string steps = transcript();
    EXPECT_NE(steps.find("screen  timeout_warning"), std::string::npos);
    EXPECT_NE(steps.find("command WipePersonalData"), std::string::npos);
}

TEST_F(KioskEndToEnd, SlowPrinterKeepsTheCitizenOnThePrintingScreenUntilDone) {
    ASSERT_EQ(run("slow-printer.script"), 0) << log();
    EXPECT_EQ(files(out_, ".pdf").size(), 1u);
}

// Issue 5's "done when": with a real scanner backend (image files standing in for the glass), the passport
// page's MRZ is read by the OCR-B reader, not the simulation, and its key opens the simulated chip over PACE.
TEST_F(KioskEndToEnd, TheOcrReaderReadsTheScannedMrzAndItsKeyOpensTheChip) {
    const auto& grandfather = hk::kiosk::sim::demo_world().people[3];
    ASSERT_TRUE(grandfather.passport.has_value());
    const fs::path pages = out_ / "pages";
    fs::create_directories(pages);
    const auto write_page = [&](const fs::path& file, const std::vector<std::string>& lines,
                                std::uint64_t seed) {
        const auto page = hk::scanner::testing::render_mrz_page(lines, 300, true, seed);
        const auto png = hk::kiosk::encode_png(page.image);
        ASSERT_TRUE(png) << png.error();
        std::ofstream(file, std::ios::binary)
            .write(reinterpret_cast<const char*>(png->data()), static_cast<std::streamsize>(png->size()));
    };
    write_page(pages / "1-passport.png", hk::kiosk::sim::passport_mrz(grandfather), 11);
    // The supporting document scanned afterwards: any page will do.
    std::mt19937_64 random(5);
    write_page(pages / "2-document.png",
               hk::scanner::testing::random_mrz_lines(hk::scanner::MrzFormat::TD1, random), 12);
    ASSERT_EQ(run("passport-for-someone-else-application.script",
                  R"({"scanner": {"backend": "files:)" + pages.string() + R"("}})"),
              0)
        << log();
    EXPECT_NE(log().find("MRZ read by the OCR-B reader"), std::string::npos) << log();
    expect_no_personal_data(transcript());
}

TEST_F(KioskEndToEnd, AKeypadAloneCompletesACertificate) {
    ASSERT_EQ(run("keypad-only-certificate.script"), 0) << log();
    EXPECT_EQ(files(out_, ".pdf").size(), 1u);
    // Only keys: no tap reached the kiosk other than through the front end's keypad handling.
    EXPECT_NE(transcript().find("screen  done"), std::string::npos);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool has_line(const std::vector<std::string>& lines, const std::string& wanted) {
    return std::find(lines.begin(), lines.end(), wanted) != lines.end();
}

TEST_F(KioskEndToEnd, ASpeechSessionSpeaksEveryScreenInItsLanguage) {
    ASSERT_EQ(run("speech-session.script"), 0) << log();
    EXPECT_EQ(files(out_, ".pdf").size(), 1u);
    const auto said = lines_of(read_file(out_ / "speech.txt"));
    ASSERT_FALSE(said.empty());
    // The language screen speaks the default language; the focused choice is said as it is labelled.
    EXPECT_TRUE(has_line(said, "say zh-CN English")) << read_file(out_ / "speech.txt");
    EXPECT_TRUE(has_line(said, "say en What would you like to do?"));
    EXPECT_TRUE(has_line(said, "say en Place your ID card on the reader"));
    EXPECT_TRUE(has_line(said, "say en Please check"));
    EXPECT_TRUE(has_line(said, "volume 4"));  // keypad + from the default step 3
    // Every new screen cuts the last one off.
    EXPECT_GE(std::count(said.begin(), said.end(), "interrupt"), 8);
    // The full ID number is on no screen, so it is never said either.
    const std::string id_number = hk::kiosk::sim::demo_world().people.at(0).id_number;
    EXPECT_EQ(read_file(out_ / "speech.txt").find(id_number), std::string::npos);
}

TEST_F(KioskEndToEnd, WithoutSpeechNothingIsSaid) {
    ASSERT_EQ(run("keypad-only-certificate.script"), 0) << log();
    const auto said = lines_of(read_file(out_ / "speech.txt"));
    for (const std::string& line : said) EXPECT_FALSE(line.starts_with("say ")) << line;
}

TEST_F(KioskEndToEnd, FailingScriptFailsTheRun) {
    std::ofstream(out_ / "bad.script") << "expect attract\nexpect done 1\n";
    const std::string command = std::string(HUKIOSK_KIOSK_BINARY) + " --simulate --headless --script " +
                                (out_ / "bad.script").string() + " > /dev/null 2>&1";
    const int status = std::system(command.c_str());
    EXPECT_EQ(WEXITSTATUS(status), 1);
}

// Drawn, not blank: the out-of-service screen in the kiosk's portrait size with text on it.
void expect_drawn_screen(const fs::path& png) {
    const cv::Mat shot = cv::imread(png.string(), cv::IMREAD_GRAYSCALE);
    ASSERT_FALSE(shot.empty()) << png;
    EXPECT_EQ(shot.cols, 1080);
    EXPECT_EQ(shot.rows, 1920);
    cv::Scalar mean;
    cv::Scalar spread;
    cv::meanStdDev(shot, mean, spread);
    EXPECT_GT(spread[0], 10.0) << "a screen of one colour: " << png;
}

TEST_F(KioskEndToEnd, AnUnprovisionedKioskShowsOutOfServiceWithTheReasonAndExits) {
    // The appliance's defaults before the site files are written: real devices, no central service.
    const std::string command = std::string(HUKIOSK_KIOSK_BINARY) + " --headless --fault-hold 0.3 --out " +
                                out_.string() + " > " + (out_ / "kiosk.log").string() + " 2>&1";
    const int status = std::system(command.c_str());
    EXPECT_EQ(WEXITSTATUS(status), 2);
    EXPECT_NE(log().find("still simulated:"), std::string::npos) << log();
    EXPECT_NE(log().find("central"), std::string::npos) << log();
    expect_drawn_screen(out_ / "screens/00-out_of_service.png");
}

TEST_F(KioskEndToEnd, ABrokenConfigIsShownOnTheScreenToo) {
    std::ofstream(out_ / "broken.json") << "{\"idle_timeout_s\": -5}";
    const std::string command = std::string(HUKIOSK_KIOSK_BINARY) +
                                " --simulate --headless --fault-hold 0.3 --config " +
                                (out_ / "broken.json").string() + " --out " + out_.string() + " > " +
                                (out_ / "kiosk.log").string() + " 2>&1";
    EXPECT_EQ(WEXITSTATUS(std::system(command.c_str())), 2);
    EXPECT_NE(log().find("config_invalid"), std::string::npos) << log();
    EXPECT_NE(log().find("idle_timeout_s"), std::string::npos) << log();
    expect_drawn_screen(out_ / "screens/00-out_of_service.png");
}

TEST_F(KioskEndToEnd, AScriptedRunThatCannotStartEndsAtOnceWithNoScreen) {
    std::ofstream(out_ / "broken.json") << "{\"idle_timeout_s\": -5}";
    const std::string command = std::string(HUKIOSK_KIOSK_BINARY) + " --simulate --headless --config " +
                                (out_ / "broken.json").string() + " --script " +
                                (kScripts / "keypad-only-certificate.script").string() + " --out " +
                                out_.string() + " > /dev/null 2>&1";
    EXPECT_EQ(WEXITSTATUS(std::system(command.c_str())), 2);
    EXPECT_FALSE(fs::exists(out_ / "screens/00-out_of_service.png"));
}

TEST_F(KioskEndToEnd, AStopEndsTheOutOfServiceHoldAtOnce) {
    // systemctl stop (SIGTERM) during the default 30 s hold: the kiosk exits then, not 30 s later.
    hk::e2e::KioskProcess kiosk(out_ / "held", {{"catalogue", (out_ / "no-such-catalogue.json").string()}});
    const fs::path shot = out_ / "held/out/screens/00-out_of_service.png";
    ASSERT_TRUE(hk::e2e::eventually([&] { return fs::exists(shot); }, std::chrono::seconds(20)));
    EXPECT_EQ(kiosk.stop(), 2);  // stop() waits at most 10 s before it kills (and then reports -1)
    EXPECT_NE(read_file(out_ / "held/kiosk.log").find("catalogue:"), std::string::npos);
}

}  // namespace
