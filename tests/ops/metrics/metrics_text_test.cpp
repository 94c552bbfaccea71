// The exposition text as written, line by line: what a scraper's parser relies on.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "exposition_text.h"
#include "metric_names.h"
#include "metrics.h"
#include "scratch_dir.h"

namespace hk::ops {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class MetricsText : public ::testing::Test {
  protected:
    test::ScratchDir dir_;
    Counters counters_ = std::move(*Counters::open(dir_.path() / "counters.db"));
    Metrics metrics_{counters_};
};

TEST(Exposition, EscapesLabelValuesAndHelp) {
    EXPECT_EQ(exposition::escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    EXPECT_EQ(exposition::escape_help("x\\y\nz \"q\""), "x\\\\y\\nz \"q\"");
}

TEST(Exposition, NumbersReadBackAsPrometheusParsesThem) {
    EXPECT_EQ(exposition::number(0.25), "0.25");
    EXPECT_EQ(exposition::number(1.0), "1");
    EXPECT_EQ(exposition::number(1.0 / 0.0), "+Inf");
    EXPECT_EQ(exposition::number(-1.0 / 0.0), "-Inf");
    EXPECT_EQ(exposition::number(0.0 / 0.0), "NaN");
}

TEST(Exposition, NamesOutsideTheAllowedCharactersAreMadeSafe) {
    EXPECT_EQ(exposition::metric_name("hukiosk:x_total"), "hukiosk:x_total");
    EXPECT_EQ(exposition::metric_name("9 bad-name"), "__bad_name");
    EXPECT_EQ(exposition::label_name("a:b"), "a_b");
}

TEST_F(MetricsText, CataloguedFamiliesCarryTheirHelpAndType) {
    counters_.add(metric_names::kSessionsTotal, {}, 12);
    metrics_.set_gauge(metric_names::kInService, {}, 1);
    metrics_.observe_seconds(metric_names::kOcrSeconds, {}, 0.3);
    const std::string text = metrics_.prometheus_text();
    EXPECT_THAT(text, HasSubstr("# HELP hukiosk_sessions_total Citizen sessions started.\n"
                                "# TYPE hukiosk_sessions_total counter\n"
                                "hukiosk_sessions_total 12\n"));
    EXPECT_THAT(text, HasSubstr("# TYPE hukiosk_in_service gauge\nhukiosk_in_service 1\n"));
    EXPECT_THAT(text, HasSubstr("# TYPE hukiosk_ocr_seconds histogram\n"));
    EXPECT_EQ(text.back(), '\n');
}

TEST_F(MetricsText, UnknownNamesRenderWithAGenericHelp) {
    metrics_.set_gauge("hukiosk_paper_low", {{"tray", "1"}}, 0);
    EXPECT_THAT(
        metrics_.prometheus_text(),
        HasSubstr("# HELP hukiosk_paper_low HuKiosk metric hukiosk_paper_low (not in the catalogue).\n"
                  "# TYPE hukiosk_paper_low gauge\nhukiosk_paper_low{tray=\"1\"} 0\n"));
}

TEST_F(MetricsText, LabelsAreSortedAndEscapedOnThePage) {
    metrics_.set_gauge(metric_names::kDeviceReady, {{"zone", "front"}, {"device", "scan\"ner\\1\nx"}}, 1);
    EXPECT_THAT(metrics_.prometheus_text(),
                HasSubstr("hukiosk_device_ready{device=\"scan\\\"ner\\\\1\\nx\",zone=\"front\"} 1\n"));
}

TEST_F(MetricsText, AGaugeKeepsItsLastValue) {
    metrics_.set_gauge(metric_names::kSessionActive, {}, 1);
    metrics_.set_gauge(metric_names::kSessionActive, {}, 0);
    const std::string text = metrics_.prometheus_text();
    EXPECT_THAT(text, HasSubstr("hukiosk_session_active 0\n"));
    EXPECT_THAT(text, Not(HasSubstr("hukiosk_session_active 1\n")));
}

TEST_F(MetricsText, HistogramBucketsAreCumulativeAndInclusive) {
    // Catalogue buckets for OCR: 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15.
    for (const double seconds : {0.04, 0.1, 0.3, 0.3, 20.0}) {
        metrics_.observe_seconds(metric_names::kOcrSeconds, {}, seconds);
    }
    const std::string text = metrics_.prometheus_text();
    EXPECT_THAT(text, HasSubstr("hukiosk_ocr_seconds_bucket{le=\"0.05\"} 1\n"
                                "hukiosk_ocr_seconds_bucket{le=\"0.1\"} 2\n"
                                "hukiosk_ocr_seconds_bucket{le=\"0.25\"} 2\n"
                                "hukiosk_ocr_seconds_bucket{le=\"0.5\"} 4\n"));
    const double sum = 0.0 + 0.04 + 0.1 + 0.3 + 0.3 + 20.0;  // in the order observed, as doubles add
    EXPECT_THAT(text, HasSubstr("hukiosk_ocr_seconds_bucket{le=\"15\"} 4\n"
                                "hukiosk_ocr_seconds_bucket{le=\"+Inf\"} 5\n"
                                "hukiosk_ocr_seconds_sum " +
                                exposition::number(sum) +
                                "\n"
                                "hukiosk_ocr_seconds_count 5\n"));
}

TEST_F(MetricsText, NonFiniteDurationsAreDropped) {
    metrics_.observe_seconds(metric_names::kPrintSeconds, {{"printer", "a4"}}, 3.0);
    metrics_.observe_seconds(metric_names::kPrintSeconds, {{"printer", "a4"}}, 0.0 / 0.0);
    const std::string text = metrics_.prometheus_text();
    EXPECT_THAT(text, HasSubstr("hukiosk_print_seconds_count{printer=\"a4\"} 1\n"));
    EXPECT_THAT(text, HasSubstr("hukiosk_print_seconds_sum{printer=\"a4\"} 3\n"));
}

}  // namespace
}  // namespace hk::ops
