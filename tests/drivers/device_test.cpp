#include "drivers/device.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hk::drivers {
namespace {

TEST(DeviceKindName, IsTheStableMachineName) {
    EXPECT_EQ(to_string(DeviceKind::ResidentIdReader), "resident_id_reader");
    EXPECT_EQ(to_string(DeviceKind::ChipReader), "chip_reader");
    EXPECT_EQ(to_string(DeviceKind::DocumentScanner), "document_scanner");
    EXPECT_EQ(to_string(DeviceKind::Camera), "camera");
    EXPECT_EQ(to_string(DeviceKind::A4Printer), "a4_printer");
    EXPECT_EQ(to_string(DeviceKind::ReceiptPrinter), "receipt_printer");
}

TEST(DeviceKindName, ParsesBackToTheSameKind) {
    for (const DeviceKind kind : kAllDeviceKinds) {
        EXPECT_EQ(device_kind_from_string(to_string(kind)), kind) << to_string(kind);
    }
}

TEST(DeviceKindName, RejectsUnknownAndNearMissNames) {
    EXPECT_EQ(device_kind_from_string(""), std::nullopt);
    EXPECT_EQ(device_kind_from_string("printer"), std::nullopt);
    EXPECT_EQ(device_kind_from_string("Camera"), std::nullopt);
    EXPECT_EQ(device_kind_from_string("camera "), std::nullopt);
}

TEST(FaultKindName, IsSnakeCase) {
    EXPECT_EQ(to_string(FaultKind::Unplugged), "unplugged");
    EXPECT_EQ(to_string(FaultKind::Timeout), "timeout");
    EXPECT_EQ(to_string(FaultKind::CardRemoved), "card_removed");
    EXPECT_EQ(to_string(FaultKind::Unreadable), "unreadable");
    EXPECT_EQ(to_string(FaultKind::AccessDenied), "access_denied");
    EXPECT_EQ(to_string(FaultKind::PaperOut), "paper_out");
    EXPECT_EQ(to_string(FaultKind::PaperJam), "paper_jam");
    EXPECT_EQ(to_string(FaultKind::CoverOpen), "cover_open");
    EXPECT_EQ(to_string(FaultKind::NoDocument), "no_document");
    EXPECT_EQ(to_string(FaultKind::Busy), "busy");
    EXPECT_EQ(to_string(FaultKind::IoError), "io_error");
}

TEST(FaultCode, IsDevicePrefixDashTwoDigitFaultNumber) {
    EXPECT_EQ(fault_code(DeviceKind::A4Printer, FaultKind::PaperOut), "A4P-06");
    EXPECT_EQ(fault_code(DeviceKind::ResidentIdReader, FaultKind::CardRemoved), "IDR-03");
    EXPECT_EQ(fault_code(DeviceKind::ChipReader, FaultKind::AccessDenied), "CHP-05");
    EXPECT_EQ(fault_code(DeviceKind::DocumentScanner, FaultKind::PaperJam), "SCN-07");
    EXPECT_EQ(fault_code(DeviceKind::Camera, FaultKind::Unplugged), "CAM-01");
    EXPECT_EQ(fault_code(DeviceKind::ReceiptPrinter, FaultKind::IoError), "RCP-11");
    EXPECT_EQ(fault_code(DeviceKind::ReceiptPrinter, FaultKind::Busy), "RCP-10");
}

TEST(FaultCode, OfADeviceFaultUsesItsDeviceAndKind) {
    const DeviceFault fault{DeviceKind::ChipReader, FaultKind::Timeout, "no answer"};
    EXPECT_EQ(fault_code(fault), "CHP-02");
}

TEST(FaultCode, IsUniqueForEveryDeviceAndFault) {
    std::set<std::string> codes;
    for (const DeviceKind device : kAllDeviceKinds) {
        for (int number = 1; number <= 11; ++number) {
            const std::string code = fault_code(device, static_cast<FaultKind>(number));
            EXPECT_EQ(code.size(), 6U) << code;
            codes.insert(code);
        }
    }
    EXPECT_EQ(codes.size(), std::size(kAllDeviceKinds) * 11);
}

}  // namespace
}  // namespace hk::drivers
