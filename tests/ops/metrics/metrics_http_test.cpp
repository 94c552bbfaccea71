// The metrics page as a scraper sees it: fetched over HTTP and read by the reference Prometheus parser
// (Debian's python3-prometheus-client), whose values must equal what was recorded.
#include "metrics_http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "metric_names.h"
#include "scratch_dir.h"

namespace hk::ops {
namespace {

using nlohmann::json;

// Runs the reference parser over the page; nullopt (with the parser's complaint on stderr) when it rejects
// it.
std::optional<json> parse_with_prometheus_client(const std::string& page, const std::filesystem::path& dir) {
    const auto page_file = dir / "page.txt";
    std::ofstream(page_file, std::ios::binary) << page;
    const std::string command = "/usr/bin/python3 " HUKIOSK_SOURCE_DIR
                                "/tests/ops/metrics/parse_metrics.py '" +
                                page_file.string() + "'";
    std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) return std::nullopt;
    std::string output;
    char buffer[4096];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) output.append(buffer, read);
    const int status = pclose(pipe.release());
    if (status != 0) return std::nullopt;
    json parsed = json::parse(output, nullptr, false);
    if (parsed.is_discarded()) return std::nullopt;
    return parsed;
}

const json* family_named(const json& families, std::string_view name) {
    for (const json& family : families) {
        if (family["name"] == name) return &family;
    }
    return nullptr;
}

// The value of the sample with exactly these labels, or nullopt.
std::optional<double> sample_value(const json& family, std::string_view sample, const json& labels) {
    for (const json& entry : family["samples"]) {
        if (entry["name"] == sample && entry["labels"] == labels) return entry["value"].get<double>();
    }
    return std::nullopt;
}

class MetricsOverHttp : public ::testing::Test {
  protected:
    std::string fetch_page() {
        auto server = MetricsHttpServer::start(metrics_, "127.0.0.1", 0);
        EXPECT_TRUE(server.has_value()) << (server ? "" : server.error());
        if (!server) return {};
        httplib::Client client("127.0.0.1", (*server)->port());
        const auto answer = client.Get("/metrics");
        EXPECT_TRUE(answer) << "no answer from the metrics server";
        if (!answer) return {};
        EXPECT_EQ(answer->status, 200);
        EXPECT_EQ(answer->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u);
        return answer->body;
    }

    test::ScratchDir dir_;
    Counters counters_ = std::move(*Counters::open(dir_.path() / "counters.db"));
    Metrics metrics_{counters_};
};

TEST_F(MetricsOverHttp, ThePrometheusParserReadsBackWhatWasRecorded) {
    counters_.add(metric_names::kSessionsTotal, {}, 41);
    counters_.add(metric_names::kFailuresTotal, {{"code", "A4P-06"}}, 3);
    counters_.add(metric_names::kCertificatesTotal, {{"type", "proof \"of\" family\\relationship\nzh"}}, 2);
    metrics_.set_gauge(metric_names::kDeviceReady, {{"device", "a4_printer"}}, 1);
    metrics_.set_gauge(metric_names::kDeviceReady, {{"device", "scanner"}}, 0);
    metrics_.set_gauge(metric_names::kInService, {}, 1);
    metrics_.observe_seconds(metric_names::kCentralCallSeconds, {{"endpoint", "certificates"}}, 0.2);
    metrics_.observe_seconds(metric_names::kCentralCallSeconds, {{"endpoint", "certificates"}}, 0.7);
    metrics_.observe_seconds(metric_names::kCentralCallSeconds, {{"endpoint", "certificates"}}, 45.0);

    const std::optional<json> families = parse_with_prometheus_client(fetch_page(), dir_.path());
    ASSERT_TRUE(families.has_value()) << "the reference parser rejected the page";

    // The parser names a counter family without its _total suffix; the samples keep it.
    const json* sessions = family_named(*families, "hukiosk_sessions");
    ASSERT_NE(sessions, nullptr);
    EXPECT_EQ((*sessions)["type"], "counter");
    EXPECT_EQ((*sessions)["help"], "Citizen sessions started.");
    EXPECT_EQ(sample_value(*sessions, "hukiosk_sessions_total", json::object()), 41.0);

    const json* failures = family_named(*families, "hukiosk_failures");
    ASSERT_NE(failures, nullptr);
    EXPECT_EQ(sample_value(*failures, "hukiosk_failures_total", {{"code", "A4P-06"}}), 3.0);

    const json* certificates = family_named(*families, "hukiosk_certificates");
    ASSERT_NE(certificates, nullptr);
    EXPECT_EQ(sample_value(*certificates, "hukiosk_certificates_total",
                           {{"type", "proof \"of\" family\\relationship\nzh"}}),
              2.0);

    const json* ready = family_named(*families, "hukiosk_device_ready");
    ASSERT_NE(ready, nullptr);
    EXPECT_EQ((*ready)["type"], "gauge");
    EXPECT_EQ(sample_value(*ready, "hukiosk_device_ready", {{"device", "a4_printer"}}), 1.0);
    EXPECT_EQ(sample_value(*ready, "hukiosk_device_ready", {{"device", "scanner"}}), 0.0);
    EXPECT_EQ(
        sample_value(*family_named(*families, "hukiosk_in_service"), "hukiosk_in_service", json::object()),
        1.0);

    const json* central = family_named(*families, "hukiosk_central_call_seconds");
    ASSERT_NE(central, nullptr);
    EXPECT_EQ((*central)["type"], "histogram");
    const json endpoint = {{"endpoint", "certificates"}};
    EXPECT_EQ(sample_value(*central, "hukiosk_central_call_seconds_count", endpoint), 3.0);
    EXPECT_NEAR(*sample_value(*central, "hukiosk_central_call_seconds_sum", endpoint), 45.9, 1e-9);
    auto bucket = [&](const char* le) {
        return sample_value(*central, "hukiosk_central_call_seconds_bucket",
                            {{"endpoint", "certificates"}, {"le", le}});
    };
    EXPECT_EQ(bucket("0.1"), 0.0);
    EXPECT_EQ(bucket("0.25"), 1.0);
    EXPECT_EQ(bucket("1"), 2.0);  // the parser keeps a bound as written
    EXPECT_EQ(bucket("30"), 2.0);
    EXPECT_EQ(bucket("+Inf"), 3.0);

    // Cumulative: every bucket holds at least as many as the one below it, ending with the count.
    double previous = 0.0;
    int buckets = 0;
    for (const json& sample : (*central)["samples"]) {
        if (sample["name"] != "hukiosk_central_call_seconds_bucket") continue;
        EXPECT_GE(sample["value"].get<double>(), previous) << sample.dump();
        previous = sample["value"].get<double>();
        ++buckets;
    }
    EXPECT_EQ(buckets, 11);  // ten catalogue bounds and +Inf
    EXPECT_EQ(previous, 3.0);
}

TEST_F(MetricsOverHttp, CountersFromBeforeARestartAreOnThePage) {
    counters_.add(metric_names::kPagesPrintedTotal, {}, 250);
    counters_ = std::move(*Counters::open(dir_.path() / "counters.db"));  // the registry holds a reference
    counters_.add(metric_names::kPagesPrintedTotal, {}, 2);
    const std::optional<json> families = parse_with_prometheus_client(fetch_page(), dir_.path());
    ASSERT_TRUE(families.has_value());
    const json* printed = family_named(*families, "hukiosk_pages_printed");
    ASSERT_NE(printed, nullptr);
    EXPECT_EQ(sample_value(*printed, "hukiosk_pages_printed_total", json::object()), 252.0);
}

TEST_F(MetricsOverHttp, OtherPathsAndMethodsAreNotFound) {
    auto server = MetricsHttpServer::start(metrics_, "127.0.0.1", 0);
    ASSERT_TRUE(server.has_value()) << server.error();
    httplib::Client client("127.0.0.1", (*server)->port());
    const auto root = client.Get("/");
    ASSERT_TRUE(root);
    EXPECT_EQ(root->status, 404);
    const auto other = client.Get("/metrics/extra");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 404);
    const auto post = client.Post("/metrics", "x", "text/plain");
    ASSERT_TRUE(post);
    EXPECT_EQ(post->status, 404);
}

TEST_F(MetricsOverHttp, AFixedPortInUseIsRefused) {
    auto first = MetricsHttpServer::start(metrics_, "127.0.0.1", 0);
    ASSERT_TRUE(first.has_value()) << first.error();
    auto second = MetricsHttpServer::start(metrics_, "127.0.0.1", (*first)->port());
    ASSERT_FALSE(second.has_value());
    EXPECT_NE(second.error().find("cannot listen"), std::string::npos);
}

TEST_F(MetricsOverHttp, ServersStartAndStopRepeatedly) {
    for (int round = 0; round < 5; ++round) {
        auto server = MetricsHttpServer::start(metrics_, "127.0.0.1", 0);
        ASSERT_TRUE(server.has_value()) << server.error();
        EXPECT_GT((*server)->port(), 0);
    }
}

}  // namespace
}  // namespace hk::ops
