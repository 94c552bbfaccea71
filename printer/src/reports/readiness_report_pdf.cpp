#include <string>

#include "cairo_handles.h"
#include "flowing_pages.h"
#include "pdf_document.h"
#include "readiness_report.h"

namespace hk::printer {

namespace {

using reports::FlowingPages;
using reports::kMargin;
using reports::TextBlock;

constexpr detail::FontSpec kTitleFont{detail::kSansFamily, 18.0, PANGO_WEIGHT_BOLD};
constexpr detail::FontSpec kVerdictFont{detail::kSansFamily, 15.0, PANGO_WEIGHT_BOLD};
constexpr detail::FontSpec kSectionFont{detail::kSansFamily, 13.0, PANGO_WEIGHT_BOLD};
constexpr detail::FontSpec kDeviceFont{detail::kSansFamily, 11.0, PANGO_WEIGHT_BOLD};
constexpr detail::FontSpec kBodyFont{detail::kSansFamily, 9.5, PANGO_WEIGHT_NORMAL};
constexpr detail::FontSpec kSmallFont{detail::kSansFamily, 8.0, PANGO_WEIGHT_NORMAL};
constexpr double kIndent = 14.0;

std::string or_dash(const std::string& text) {
    return text.empty() ? std::string("-") : text;
}

// Every page names the kiosk, so a loose sheet still says where it came from.
double paint_running_header(cairo_t* cr, const ReadinessReport& report, int page) {
    const std::string line = "HuKiosk readiness report  |  kiosk " + report.kiosk_id + "  |  " +
                             report.generated_at + "  |  page " + std::to_string(page);
    const detail::LayoutHandle layout = detail::make_text_layout(cr, line, kSmallFont);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    detail::draw_layout(cr, layout.get(), kMargin, kMargin - 20.0);
    const double rule_y = kMargin - 20.0 + detail::measure(layout.get()).height + 3.0;
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, kMargin, rule_y);
    cairo_line_to(cr, reports::kA4Width - kMargin, rule_y);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    return rule_y + 10.0;
}

void add_device(FlowingPages& pages, const ReadinessDevice& device) {
    std::vector<TextBlock> group;
    group.push_back({device.device + "  -  " + or_dash(device.state), kDeviceFont, 0.0, 3.0});
    group.push_back({"Fault code: " + or_dash(device.fault_code), kBodyFont, kIndent});
    std::string self_test = "Self-test: " + or_dash(device.self_test);
    if (!device.tested_at.empty()) self_test += " (" + device.tested_at + ")";
    group.push_back({self_test, kBodyFont, kIndent});
    if (!device.summary.empty()) group.push_back({device.summary, kBodyFont, kIndent});
    for (const auto& [check, result] : device.checks) {
        group.push_back({check + ": " + result, kSmallFont, 2.0 * kIndent, 1.0, 0.15});
    }
    group.back().space_after = 10.0;
    pages.add_group(group);
}

}  // namespace

std::expected<std::vector<std::uint8_t>, std::string> render_readiness_report_pdf(
    const ReadinessReport& report) {
    return reports::render_a4_pdf("HuKiosk readiness report " + report.kiosk_id, [&report](cairo_t* cr) {
        FlowingPages pages(cr, [&report](cairo_t* context, int page) {
            return paint_running_header(context, report, page);
        });
        pages.add_group({
            {"Readiness report", kTitleFont, 0.0, 6.0},
            {"Kiosk: " + report.kiosk_id, kBodyFont},
            {"Software version: " + or_dash(report.version), kBodyFont},
            {"Generated at: " + or_dash(report.generated_at), kBodyFont, 0.0, 8.0},
            {report.ready_for_service ? "READY FOR SERVICE" : "NOT READY FOR SERVICE", kVerdictFont, 0.0,
             12.0},
        });

        pages.keep_with_next(
            {"Devices (" + std::to_string(report.devices.size()) + ")", kSectionFont, 0.0, 6.0});
        if (report.devices.empty()) pages.add({"No devices reported.", kBodyFont, kIndent});
        for (const ReadinessDevice& device : report.devices) add_device(pages, device);

        pages.add_space(8.0);
        pages.keep_with_next(
            {"Counters (" + std::to_string(report.counters.size()) + ")", kSectionFont, 0.0, 6.0});
        if (report.counters.empty()) pages.add({"No counters recorded.", kBodyFont, kIndent});
        for (const auto& [name, value] : report.counters) {
            pages.add({name + ": " + std::to_string(value), kBodyFont, kIndent, 1.5});
        }
    });
}

}  // namespace hk::printer
