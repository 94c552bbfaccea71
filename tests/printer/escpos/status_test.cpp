// Reading the printer's status bytes: every flag from its bit, the reply found among bytes that are not
// replies, and garbage giving "no reply" rather than a made-up state.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "printer/escpos/status.h"

namespace hk::printer::escpos {
namespace {

using drivers::FaultKind;
using Bytes = std::vector<std::uint8_t>;

PrinterCondition after(StatusRequest request, std::uint8_t byte) {
    PrinterCondition condition;
    apply_realtime_status(request, byte, condition);
    return condition;
}

TEST(EscPosStatus, RequestsAreDleEotN) {
    EXPECT_EQ(status_request_bytes(StatusRequest::Printer), (std::array<std::uint8_t, 3>{0x10, 0x04, 1}));
    EXPECT_EQ(status_request_bytes(StatusRequest::PaperSensor), (std::array<std::uint8_t, 3>{0x10, 0x04, 4}));
}

struct RealtimeCase {
    StatusRequest request;
    std::uint8_t byte;
    PrinterCondition expected;
};

TEST(EscPosStatus, RealtimeRepliesTable) {
    const RealtimeCase cases[] = {
        {StatusRequest::Printer, 0x12, {}},
        {StatusRequest::Printer, 0x16, {}},  // drawer pin: not ours
        {StatusRequest::Printer, 0x1A, {.offline = true}},
        {StatusRequest::OfflineCause, 0x12, {}},
        {StatusRequest::OfflineCause, 0x16, {.cover_open = true}},
        {StatusRequest::OfflineCause, 0x1A, {.feeding_by_button = true}},
        {StatusRequest::OfflineCause, 0x32, {.paper_out = true}},
        {StatusRequest::ErrorCause, 0x16, {.recoverable_error = true}},
        {StatusRequest::ErrorCause, 0x1A, {.cutter_error = true}},
        {StatusRequest::ErrorCause, 0x32, {.unrecoverable_error = true}},
        {StatusRequest::ErrorCause, 0x52, {.auto_recoverable_error = true}},
        {StatusRequest::PaperSensor, 0x12, {}},
        {StatusRequest::PaperSensor, 0x1E, {.paper_near_end = true}},
        {StatusRequest::PaperSensor, 0x72, {.paper_out = true}},
        {StatusRequest::PaperSensor, 0x7E, {.paper_out = true, .paper_near_end = true}},
    };
    for (const RealtimeCase& c : cases) {
        EXPECT_EQ(after(c.request, c.byte), c.expected)
            << "DLE EOT " << static_cast<int>(c.request) << " reply " << static_cast<int>(c.byte);
    }
}

TEST(EscPosStatus, RealtimeReplyIsFoundAmongOtherBytes) {
    EXPECT_EQ(find_realtime_status_byte(Bytes{0x12}), 0x12);
    // An ASB block (first byte 0x10) and its tail, then the reply.
    EXPECT_EQ(find_realtime_status_byte(Bytes{0x10, 0x00, 0x0F, 0x00, 0x1A}), 0x1A);
    EXPECT_EQ(find_realtime_status_byte(Bytes{0x1A, 0xFF, 0x00}), 0x1A) << "trailing noise skipped";
    EXPECT_FALSE(find_realtime_status_byte(Bytes{}));
    EXPECT_FALSE(find_realtime_status_byte(Bytes{0x00, 0xFF, 0x10, 0x13, 0x92}));
}

TEST(EscPosStatus, AutomaticStatusBackTable) {
    EXPECT_EQ(parse_automatic_status(Bytes{0x10, 0x00, 0x00, 0x00}), PrinterCondition{});
    EXPECT_EQ(parse_automatic_status(Bytes{0x38, 0x00, 0x00, 0x00}),
              (PrinterCondition{.offline = true, .cover_open = true}));
    EXPECT_EQ(parse_automatic_status(Bytes{0x18, 0x08, 0x00, 0x00}),
              (PrinterCondition{.offline = true, .cutter_error = true}));
    EXPECT_EQ(parse_automatic_status(Bytes{0x18, 0x00, 0x0F, 0x00}),
              (PrinterCondition{.offline = true, .paper_out = true, .paper_near_end = true}));
    EXPECT_EQ(parse_automatic_status(Bytes{0x10, 0x20, 0x00, 0x00}),
              (PrinterCondition{.unrecoverable_error = true}));
    // The last complete block wins; a cut-off block at the end does not count.
    EXPECT_EQ(parse_automatic_status(Bytes{0x10, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x18, 0x00}),
              (PrinterCondition{.cover_open = true}));
}

TEST(EscPosStatus, AutomaticStatusRejectsGarbage) {
    EXPECT_FALSE(parse_automatic_status(Bytes{}));
    EXPECT_FALSE(parse_automatic_status(Bytes{0x10, 0x00, 0x00}));
    EXPECT_FALSE(parse_automatic_status(Bytes{0x12, 0x00, 0x00, 0x00})) << "a DLE EOT reply, not ASB";
    EXPECT_FALSE(parse_automatic_status(Bytes{0x10, 0x90, 0x00, 0x00}));
    EXPECT_FALSE(parse_automatic_status(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0xFF}));
}

TEST(EscPosStatus, PaperSensorReplyToGsR) {
    PrinterCondition condition;
    apply_paper_sensor_reply(find_paper_sensor_reply(Bytes{0x1A, 0x0F}).value(), condition);
    EXPECT_TRUE(condition.paper_out);
    EXPECT_TRUE(condition.paper_near_end);
    EXPECT_FALSE(find_paper_sensor_reply(Bytes{0x12, 0x9F}));
}

TEST(EscPosStatus, RandomBytesNeverCrashAndGiveOnlyWellFormedAnswers) {
    std::mt19937 random(6);
    for (int i = 0; i < 20000; ++i) {
        Bytes bytes(random() % 12);
        for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
        if (const auto byte = find_realtime_status_byte(bytes)) {
            EXPECT_TRUE(is_realtime_status_byte(*byte));
        }
        (void)parse_automatic_status(bytes);
        (void)find_paper_sensor_reply(bytes);
    }
}

TEST(EscPosStatus, FaultsMostSpecificFirst) {
    EXPECT_EQ(fault_of({}), std::nullopt);
    EXPECT_EQ(fault_of({.paper_near_end = true}), std::nullopt) << "near end still prints";
    EXPECT_EQ(fault_of({.offline = true, .cover_open = true, .paper_out = true}), FaultKind::CoverOpen);
    EXPECT_EQ(fault_of({.offline = true, .paper_out = true}), FaultKind::PaperOut);
    EXPECT_EQ(fault_of({.offline = true, .cutter_error = true}), FaultKind::PaperJam);
    EXPECT_EQ(fault_of({.unrecoverable_error = true}), FaultKind::IoError);
    EXPECT_EQ(fault_of({.offline = true}), FaultKind::IoError);
    EXPECT_EQ(describe({}), "ready");
    EXPECT_EQ(describe({.offline = true, .paper_out = true}), "offline, paper out");
}

}  // namespace
}  // namespace hk::printer::escpos
