// Connection strings from the kiosk's config, and the factory refusing what it cannot build.
#include <gtest/gtest.h>

#include "printer/escpos/escpos_receipt_printer.h"

namespace hk::printer::escpos {
namespace {

TEST(EscPosOptions, ConnectionStrings) {
    const EscPosOptions tcp = parse_escpos_connection("tcp:10.1.2.3:9101").value();
    EXPECT_EQ(tcp.transport, "tcp");
    EXPECT_EQ(tcp.host, "10.1.2.3");
    EXPECT_EQ(tcp.port, 9101);
    EXPECT_EQ(parse_escpos_connection("tcp:printer.local").value().port, 9100);
    EXPECT_EQ(parse_escpos_connection("tcp:[fe80::1]:9100").value().host, "fe80::1");
    const EscPosOptions device = parse_escpos_connection("device:/dev/usb/lp1").value();
    EXPECT_EQ(device.transport, "device");
    EXPECT_EQ(device.device_path, "/dev/usb/lp1");
    const EscPosOptions usb = parse_escpos_connection("usb:04b8:0e15").value();
    EXPECT_EQ(usb.transport, "usb");
    EXPECT_EQ(usb.usb_vendor, 0x04b8);
    EXPECT_EQ(usb.usb_product, 0x0e15);
    EXPECT_FALSE(parse_escpos_connection("usb").value().usb_vendor);
}

TEST(EscPosOptions, BadConnectionStringsAreRefused) {
    EXPECT_FALSE(parse_escpos_connection("tcp:"));
    EXPECT_FALSE(parse_escpos_connection("tcp:host:99999"));
    EXPECT_FALSE(parse_escpos_connection("usb:04b8"));
    EXPECT_FALSE(parse_escpos_connection("usb:zzzz:0001"));
    EXPECT_FALSE(parse_escpos_connection("serial:/dev/ttyS0"));
}

TEST(EscPosOptions, FactoryRefusesUnknownProfileAndTransport) {
    EXPECT_FALSE(make_escpos_receipt_printer({.profile = "no-such-printer"}));
    EXPECT_FALSE(make_escpos_receipt_printer({.transport = "serial"}));
    EXPECT_TRUE(make_escpos_receipt_printer({.transport = "tcp", .port = 9}));
}

}  // namespace
}  // namespace hk::printer::escpos
