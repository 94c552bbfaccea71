// The printer test page: alignment marks at the margins, a grey ramp, line weights, text in Chinese, English
// and Korean at several sizes and a QR code, so a technician sees the print quality at a glance and a phone
// can confirm which kiosk printed it and when.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace hk::printer {

struct TestPageInfo {
    std::string kiosk_id;
    std::string version;
    std::string printed_at;
};

// What the test page's QR code holds: "HUKIOSK-TEST-PAGE" and the kiosk id, version and time, one
// "key=value" a line.
std::string test_page_qr_payload(const TestPageInfo& info);

// A one-page A4 PDF, in memory.
std::expected<std::vector<std::uint8_t>, std::string> render_test_page_pdf(const TestPageInfo& info);

}  // namespace hk::printer
