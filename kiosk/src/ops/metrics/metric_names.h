// The kiosk's metric catalogue: every metric's name, type, HELP text and, for histograms, its buckets in
// seconds. The registry renders # HELP and # TYPE from here, so dashboards and alerts written by provincial
// IT can rely on these names; a name that is not listed still renders, with a generic HELP.
#pragma once

#include <algorithm>
#include <array>
#include <span>
#include <string_view>

namespace hk::ops {

enum class MetricType { Counter, Gauge, Histogram };

struct MetricDefinition {
    std::string_view name;
    MetricType type;
    std::string_view help;
    std::span<const double> buckets;  // histograms only: upper bounds in seconds, ascending, without +Inf
};

namespace metric_names {

// Counters, persisted across restarts (Counters).
inline constexpr std::string_view kSessionsTotal = "hukiosk_sessions_total";
inline constexpr std::string_view kCertificatesTotal = "hukiosk_certificates_total";  // {type}
inline constexpr std::string_view kApplicationsTotal = "hukiosk_applications_total";  // {service}
inline constexpr std::string_view kFailuresTotal = "hukiosk_failures_total";          // {code}, e.g. "A4P-06"
inline constexpr std::string_view kPagesPrintedTotal = "hukiosk_pages_printed_total";
inline constexpr std::string_view kPagesScannedTotal = "hukiosk_pages_scanned_total";
inline constexpr std::string_view kReceiptMmTotal = "hukiosk_receipt_mm_total";
inline constexpr std::string_view kChipReadsTotal = "hukiosk_chip_reads_total";  // {outcome}

// Gauges, current state only.
inline constexpr std::string_view kDeviceReady = "hukiosk_device_ready";  // {device}, 1 or 0
inline constexpr std::string_view kInService = "hukiosk_in_service";      // 1 or 0
inline constexpr std::string_view kSessionActive = "hukiosk_session_active";

// Histograms, in seconds.
inline constexpr std::string_view kChipReadSeconds = "hukiosk_chip_read_seconds";
inline constexpr std::string_view kOcrSeconds = "hukiosk_ocr_seconds";
inline constexpr std::string_view kCentralCallSeconds = "hukiosk_central_call_seconds";  // {endpoint}
inline constexpr std::string_view kPrintSeconds = "hukiosk_print_seconds";               // {printer}

}  // namespace metric_names

namespace metric_buckets {

// A chip read with BAC/PACE and a 20 KB face image takes a second or more; a weak field takes many.
inline constexpr std::array<double, 10> kChipRead{0.25, 0.5, 1, 1.5, 2, 3, 5, 8, 13, 20};
// One page of OCR: tens of milliseconds for an MRZ, seconds for a full page.
inline constexpr std::array<double, 9> kOcr{0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15};
// Central calls: fast on the provincial network, up to the client's retry budget when it is not.
inline constexpr std::array<double, 10> kCentralCall{0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
// From job submission to paper out, a certificate on the A4 printer or a receipt.
inline constexpr std::array<double, 8> kPrint{1, 2, 5, 10, 20, 30, 60, 120};
// For a histogram the catalogue does not know: Prometheus' own default buckets.
inline constexpr std::array<double, 11> kDefault{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

}  // namespace metric_buckets

inline constexpr std::array<MetricDefinition, 15> kKioskMetrics{{
    {metric_names::kSessionsTotal, MetricType::Counter, "Citizen sessions started.", {}},
    {metric_names::kCertificatesTotal, MetricType::Counter, "Certificates issued, by certificate type.", {}},
    {metric_names::kApplicationsTotal, MetricType::Counter, "Applications filed, by service.", {}},
    {metric_names::kFailuresTotal, MetricType::Counter, "Faults raised, by fault code.", {}},
    {metric_names::kPagesPrintedTotal, MetricType::Counter, "A4 pages printed.", {}},
    {metric_names::kPagesScannedTotal, MetricType::Counter, "Document pages scanned.", {}},
    {metric_names::kReceiptMmTotal, MetricType::Counter, "Receipt paper used, in millimetres.", {}},
    {metric_names::kChipReadsTotal, MetricType::Counter, "Identity chip reads, by outcome.", {}},
    {metric_names::kDeviceReady, MetricType::Gauge, "1 when the device is ready for service, else 0.", {}},
    {metric_names::kInService, MetricType::Gauge, "1 when the kiosk offers service to citizens, else 0.", {}},
    {metric_names::kSessionActive,
     MetricType::Gauge,
     "1 while a citizen session is in progress, else 0.",
     {}},
    {metric_names::kChipReadSeconds, MetricType::Histogram, "Time to read an identity chip, in seconds.",
     metric_buckets::kChipRead},
    {metric_names::kOcrSeconds, MetricType::Histogram, "Time to OCR one page, in seconds.",
     metric_buckets::kOcr},
    {metric_names::kCentralCallSeconds, MetricType::Histogram,
     "Time of a central service call, retries included, by endpoint, in seconds.",
     metric_buckets::kCentralCall},
    {metric_names::kPrintSeconds, MetricType::Histogram, "Time to print a job, by printer, in seconds.",
     metric_buckets::kPrint},
}};

// The catalogue entry for `name`, or nullptr when the kiosk does not define it.
inline const MetricDefinition* find_metric_definition(std::string_view name) {
    const auto* found = std::find_if(kKioskMetrics.begin(), kKioskMetrics.end(),
                                     [name](const MetricDefinition& metric) { return metric.name == name; });
    return found == kKioskMetrics.end() ? nullptr : &*found;
}

}  // namespace hk::ops
