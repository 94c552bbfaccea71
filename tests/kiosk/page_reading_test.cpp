// A supporting document from the scanner glass to the review screen through the real parts: the simulated
// scanner returns a household register page rendered in Noto CJK by the page-OCR tests' generator, the
// executor keeps it and hands it to the page reader, which reads it with the scanner library's DocumentReader
// (clean-up, Tesseract, the templates of scanner/templates) on its own worker; the engine then keeps what was
// read and the review screen lists it.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <expected>
#include <filesystem>
#include <future>
#include <thread>

#include "app/command_executor.h"
#include "app/page_reader.h"
#include "engine_driver.h"
#include "kiosk/view.h"
#include "sim/simulation.h"
#include "simulated_devices.h"

namespace hk::kiosk::testing {
namespace {

using std::chrono::milliseconds;

class PageReading : public ::testing::Test {
  protected:
    PageReading()
        : out_(std::filesystem::path(::testing::TempDir()) /
               ("page-reading-" +
                std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()))),
          simulation_(sim::demo_world(), {out_, 10, 5'000}),
          devices_(devices_of(simulation_)) {
        wait_for_setups_to_end();
    }
    // A setup outlives its reader: none is left running into the next test or the binary's exit.
    ~PageReading() override { wait_for_setups_to_end(); }

    static void wait_for_setups_to_end() {
        while (PageReader::setups_running() > 0) std::this_thread::sleep_for(milliseconds(1));
    }

    template <typename E>
    E next_as(milliseconds patience) {
        auto event = events_.pop_for(patience);
        EXPECT_TRUE(event.has_value()) << "no event within " << patience.count() << " ms";
        if (!event) return E{};
        EXPECT_TRUE(std::holds_alternative<E>(*event)) << "got " << event_name(*event);
        return std::holds_alternative<E>(*event) ? std::get<E>(std::move(*event)) : E{};
    }

    std::filesystem::path out_;
    sim::Simulation simulation_;
    DeviceSet devices_;
    EventQueue events_;
};

TEST_F(PageReading, AScannedHouseholdRegisterPageIsReadAndItsFieldsReachTheReviewScreen) {
    PageReader reader(events_, document_reader_factory());
    CommandExecutor executor(
        devices_, events_, default_catalogue(),
        {"kiosk-test", "boot", nullptr, milliseconds(20), [] { return "now"; }, &reader});
    simulation_.scanner.place({"household register page", wang_register_card(), {}});
    executor.execute(ScanPage{7});
    const auto scanned = next_as<PageScanned>(milliseconds(20'000));
    ASSERT_NE(scanned.page_id, 0) << scanned.hint.value_or("");
    // Setting the reader up and reading take seconds: the page was kept before either finished.
    PageRead read = next_as<PageRead>(milliseconds(120'000));
    EXPECT_TRUE(reader.ready());
    EXPECT_EQ(read.page_id, scanned.page_id);
    ASSERT_TRUE(read.document.has_value());
    EXPECT_EQ(read.document->type, "household_register_page");
    EXPECT_EQ(read.document->name.en, "Household register: resident's page");
    const auto field = [&](const std::string& id) -> const ReadField* {
        const auto found = std::ranges::find(read.document->fields, id, &ReadField::id);
        return found == read.document->fields.end() ? nullptr : &*found;
    };
    ASSERT_NE(field("id_number"), nullptr);
    EXPECT_EQ(field("id_number")->value.reveal(), "110105199005170011");
    EXPECT_TRUE(field("id_number")->valid);
    EXPECT_EQ(field("id_number")->label, "公民身份号码");
    ASSERT_NE(field("birth_date"), nullptr);
    EXPECT_EQ(field("birth_date")->value.reveal(), "1990-05-17");

    // The engine keeps it on the page, and the review screen lists it, masked.
    Driver d;
    d.to_checking("household_book");
    d.answer_eligibility(Verdict::Eligible);
    d.tap("scan");
    d.apply(PageScanned{d.pending(), scanned.page_id});
    d.apply(std::move(read));
    d.tap("continue");
    ASSERT_EQ(d.screen(), Screen::Review);
    ASSERT_TRUE(d.session().pages.at(0).document.has_value());
    const ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_TRUE(std::ranges::any_of(view.lines, [](const std::string& line) {
        return line.contains("公民身份号码: 1*") && !line.contains("110105199005170011");
    }));
    // Whatever the OCR was unsure of, the citizen confirms and the application goes out.
    if (d.session().unconfirmed_doubt(d.engine.config().doubtful_confidence_below)) d.tap("fields_right:1");
    d.tap("confirm");
    EXPECT_EQ(d.screen(), Screen::Issuing);

    // The session ends: the pages go, and nothing is left to read.
    executor.execute(WipePersonalData{});
    EXPECT_EQ(executor.pages().count(), 0U);
}

TEST_F(PageReading, WithoutItsTemplatesTheReaderIsUnavailableAndPagesAreAnsweredWithNothingRead) {
    PageReader reader(events_, document_reader_factory(out_ / "no-templates-here"));
    reader.read(5, wang_register_card());
    const auto read = next_as<PageRead>(milliseconds(20'000));
    EXPECT_EQ(read.page_id, 5);
    EXPECT_FALSE(read.document.has_value());
    EXPECT_FALSE(reader.ready());
}

TEST_F(PageReading, PagesHandedOverBeforeTheSessionEndedAreNotAnswered) {
    PageReader reader(events_, [] {
        // A reader slow to set up, so the page is still queued when the session ends.
        std::this_thread::sleep_for(milliseconds(300));
        return std::expected<std::unique_ptr<scanner::DocumentReader>, std::string>(
            std::unexpected("no reader in this test"));
    });
    reader.read(9, wang_register_card());
    reader.forget_pages();
    EXPECT_FALSE(events_.pop_for(milliseconds(1'000)).has_value());
}

// Loading the OCR models cannot be interrupted and takes minutes on a slow machine; a kiosk told to stop then
// must not wait for it (systemd kills a kiosk that does not end 90 s after SIGTERM).
TEST_F(PageReading, AReaderStillSettingUpDoesNotHoldUpItsDestruction) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> setting_up{false};
    {
        PageReader reader(events_, [released, &setting_up] {
            setting_up = true;
            released.wait();
            return std::expected<std::unique_ptr<scanner::DocumentReader>, std::string>(
                std::unexpected("no reader in this test"));
        });
        reader.read(3, wang_register_card());
        while (!setting_up) std::this_thread::yield();
        EXPECT_EQ(PageReader::setups_running(), 1);
        EXPECT_FALSE(reader.ready());
    }  // a destructor that waited for the setup would never return here
    EXPECT_EQ(PageReader::setups_running(), 1) << "the setup goes on after its reader";
    EXPECT_FALSE(events_.pop_for(milliseconds(200)).has_value())
        << "a page handed to a reader that is gone is not answered";
    release.set_value();
    wait_for_setups_to_end();
    EXPECT_FALSE(events_.pop_for(milliseconds(200)).has_value()) << "nor once the setup ended";
}

}  // namespace
}  // namespace hk::kiosk::testing
