// What the kiosk read off the citizen's scanned documents, on the review screen: the engine keeps it per
// page, the application cannot go out while a page is still being read or a doubtful field is unconfirmed,
// and the values are personal data (masked on screen, wiped with the session).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "engine_driver.h"
#include "kiosk/view.h"

namespace hk::kiosk::testing {
namespace {

// Two documents to scan (relocation for a job transfer): the first read with a doubtful ID number (failing
// its check character), the second read well.
void to_review_with_read_pages(Driver& d, bool first_doubtful = true) {
    d.to_checking("relocation_job_transfer");
    d.answer_eligibility(Verdict::Eligible);
    d.scan_one(Driver::register_page(first_doubtful));
    d.scan_one(Driver::register_page(false));
    d.tap("continue");
}

// A household book application with one page scanned (kept as `page_id`) and not yet read.
void scan_one_household_book_page(Driver& d, int page_id) {
    d.to_checking("household_book");
    d.answer_eligibility(Verdict::Eligible);
    d.tap("scan");
    d.apply(PageScanned{d.pending(), page_id});
}

bool shows(const ui::ViewModel& view, const std::string& text) {
    return std::ranges::any_of(view.lines, [&](const std::string& line) { return line.contains(text); });
}

const ui::Button* button(const ui::ViewModel& view, const std::string& action) {
    const auto found = std::ranges::find(view.buttons, action, &ui::Button::action);
    return found == view.buttons.end() ? nullptr : &*found;
}

TEST(DocumentReview, TheEngineKeepsWhatWasReadOffEachPage) {
    Driver d;
    to_review_with_read_pages(d);
    ASSERT_EQ(d.screen(), Screen::Review);
    ASSERT_EQ(d.session().pages.size(), 2U);
    const ScannedPageRef& first = d.session().pages[0];
    EXPECT_TRUE(first.read);
    ASSERT_TRUE(first.document.has_value());
    EXPECT_EQ(first.document->type, "household_register_page");
    ASSERT_EQ(first.document->fields.size(), 2U);
    EXPECT_EQ(first.document->fields[0].value.reveal(), "王小明");
    EXPECT_FALSE(first.document->fields[0].doubtful(d.engine.config().doubtful_confidence_below));
    EXPECT_TRUE(first.document->fields[1].doubtful(d.engine.config().doubtful_confidence_below));
}

TEST(DocumentReview, ADoubtfulFieldBlocksConfirmUntilTheCitizenSaysItIsRight) {
    Driver d;
    to_review_with_read_pages(d);
    d.tap("confirm");
    EXPECT_EQ(d.screen(), Screen::Review);
    EXPECT_TRUE(d.last.empty());
    d.tap("fields_right:1");
    EXPECT_TRUE(d.session().pages[0].document->fields[1].confirmed);
    d.tap("confirm");
    EXPECT_EQ(d.screen(), Screen::Issuing);
    const auto* file = d.find_command<FileApplication>();
    ASSERT_NE(file, nullptr);
    ASSERT_EQ(file->pages.size(), 2U);
    // What was read goes with the application, with the citizen's word on the doubtful field, so the clerk
    // at the central office types nothing in.
    const FiledPage& first = file->pages[0];
    EXPECT_EQ(first.document_type, "household_register_page");
    ASSERT_EQ(first.fields.size(), 2U);
    EXPECT_EQ(first.fields[0].value.reveal(), "王小明");
    EXPECT_FALSE(first.fields[0].confirmed);  // never doubtful: never asked
    EXPECT_TRUE(first.fields[0].valid);
    EXPECT_TRUE(first.fields[1].confirmed);
    // Still failing its check: the clerk sees that the citizen vouched for it.
    EXPECT_FALSE(first.fields[1].valid);
    EXPECT_EQ(file->pages[1].document_type, "household_register_page");
    EXPECT_FALSE(file->pages[1].fields[1].confirmed);
}

TEST(DocumentReview, APageNotRecognisedGoesWithoutAReading) {
    Driver d;
    scan_one_household_book_page(d, 42);
    d.apply(PageRead{42, std::nullopt});
    d.tap("continue");
    d.tap("confirm");
    const auto* file = d.find_command<FileApplication>();
    ASSERT_NE(file, nullptr);
    ASSERT_EQ(file->pages.size(), 1U);
    EXPECT_EQ(file->pages[0].page_id, 42);
    EXPECT_TRUE(file->pages[0].document_type.empty());
    EXPECT_TRUE(file->pages[0].fields.empty());
}

TEST(DocumentReview, ConfirmWaitsForPagesStillBeingRead) {
    Driver d;
    scan_one_household_book_page(d, 42);
    d.tap("continue");
    ASSERT_EQ(d.screen(), Screen::Review);
    EXPECT_FALSE(d.session().pages[0].read);
    d.tap("confirm");
    EXPECT_EQ(d.screen(), Screen::Review);
    // An answer for a page this session does not have changes nothing.
    d.apply(PageRead{7, Driver::register_page(false)});
    d.tap("confirm");
    EXPECT_EQ(d.screen(), Screen::Review);
    // Nothing recognised: nothing to confirm, the clerk reads the page.
    d.apply(PageRead{42, std::nullopt});
    EXPECT_TRUE(d.session().pages[0].read);
    d.tap("confirm");
    EXPECT_EQ(d.screen(), Screen::Issuing);
}

TEST(DocumentReview, APageTheReaderDoesNotAnswerForInAStepsTimeGoesWithoutFields) {
    Driver d;
    scan_one_household_book_page(d, 42);
    d.tap("continue");
    d.advance(d.engine.config().step_timeout - Millis(1));
    d.tap("confirm");
    EXPECT_EQ(d.screen(), Screen::Review);
    d.advance(Millis(1));
    EXPECT_TRUE(d.session().pages[0].read);
    EXPECT_FALSE(d.session().pages[0].document.has_value());
    // A late answer is not taken: the citizen may have confirmed already.
    d.apply(PageRead{42, Driver::register_page(true)});
    EXPECT_FALSE(d.session().pages[0].document.has_value());
    d.tap("confirm");
    EXPECT_EQ(d.screen(), Screen::Issuing);
}

TEST(DocumentReview, ScanAgainDropsThatPageAndItsFieldsAndTheNewPageTakesItsPlace) {
    Driver d;
    to_review_with_read_pages(d);
    const int second_page = d.session().pages[1].page_id;
    d.tap("scan_again:1");
    EXPECT_EQ(d.screen(), Screen::ScanDocuments);
    ASSERT_EQ(d.session().pages.size(), 1U);
    EXPECT_EQ(d.session().pages[0].document_index, 1);
    EXPECT_EQ(d.session().pages[0].page_id, second_page);
    // The scan screen asks for the first document again.
    const ui::ViewModel scan = build_view(d.state, d.engine);
    EXPECT_TRUE(shows(scan, std::string(text(Language::Chinese, "scan.next")) + "调动通知或劳动合同"));
    d.scan_one(Driver::register_page(false));
    ASSERT_EQ(d.session().pages.size(), 2U);
    EXPECT_EQ(d.session().pages[0].document_index, 0);
    EXPECT_EQ(d.session().pages[1].page_id, second_page);
    d.tap("continue");
    d.tap("confirm");
    EXPECT_EQ(d.screen(), Screen::Issuing);
}

TEST(DocumentReview, TheSessionsEndWipesWhatWasRead) {
    Driver d;
    to_review_with_read_pages(d);
    Session session = d.session();
    session.wipe();
    EXPECT_TRUE(session.pages.empty());
    d.tap("cancel");
    EXPECT_EQ(d.screen(), Screen::Attract);
    EXPECT_FALSE(d.state.session.has_value());
    // Reading finishing after the citizen left brings nothing back.
    d.apply(PageRead{100, Driver::register_page(true)});
    EXPECT_FALSE(d.state.session.has_value());
}

TEST(DocumentReview, DescribingAPageReadForTheLogNamesNoValue) {
    const std::string line = describe_for_log(PageRead{5, Driver::register_page(false)});
    EXPECT_TRUE(line.contains("household_register_page")) << line;
    EXPECT_FALSE(line.contains("王小明")) << line;
    EXPECT_FALSE(line.contains("1101")) << line;
}

TEST(DocumentReviewView, ListsWhatWasReadMaskedAndMarksDoubtfulFields) {
    Driver d;
    to_review_with_read_pages(d);
    d.tap("lang:en");
    ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_TRUE(shows(view, "Household register: resident's page"));
    EXPECT_TRUE(shows(view, "姓名: 王*明"));
    EXPECT_FALSE(shows(view, "王小明"));
    EXPECT_FALSE(shows(view, "110105199005170012"));
    EXPECT_TRUE(shows(view, "please check"));
    ASSERT_NE(button(view, "confirm"), nullptr);
    EXPECT_FALSE(button(view, "confirm")->enabled);
    ASSERT_NE(button(view, "fields_right:1"), nullptr);
    ASSERT_NE(button(view, "scan_again:1"), nullptr);
    EXPECT_EQ(button(view, "fields_right:2"), nullptr);  // the second page has no doubts
    // Shown on request, so the citizen can compare with the paper.
    d.tap("show_read");
    view = build_view(d.state, d.engine);
    EXPECT_TRUE(shows(view, "110105199005170012"));
    ASSERT_NE(button(view, "hide_read"), nullptr);
    d.tap("fields_right:1");
    view = build_view(d.state, d.engine);
    EXPECT_TRUE(shows(view, "(confirmed)"));
    EXPECT_FALSE(shows(view, "please check"));
    EXPECT_EQ(button(view, "fields_right:1"), nullptr);
    EXPECT_TRUE(button(view, "confirm")->enabled);
}

TEST(DocumentReviewView, SaysWhileAPageIsStillBeingRead) {
    Driver d;
    scan_one_household_book_page(d, 42);
    d.tap("continue");
    const ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_TRUE(shows(view, "正在读取"));
    EXPECT_FALSE(button(view, "confirm")->enabled);
}

}  // namespace
}  // namespace hk::kiosk::testing
