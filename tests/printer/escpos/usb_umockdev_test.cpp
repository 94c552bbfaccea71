// The USB transport against a synthetic printer in umockdev's fake sysfs (a printer-class interface with
// vendor:product 04b8:0e15): libusb enumerates it, a vendor:product that is not there is Unplugged, and
// removing the device (a "remove" uevent) is seen through libusb's hot-plug and reported as Unplugged.
// umockdev cannot answer bulk transfers here, so nothing is printed.
//
// The program must run under umockdev's preload library; it re-starts itself under umockdev-wrapper when it
// is not, before GoogleTest (or test discovery) starts.
#include <gtest/gtest.h>
#include <umockdev.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "printer/escpos/usb_transport.h"

namespace {

// umockdev_in_mock_environment() only turns true once a testbed exists, so the preload itself is checked.
bool preloaded() {
    const char* preload = std::getenv("LD_PRELOAD");
    return preload != nullptr && std::strstr(preload, "libumockdev-preload") != nullptr;
}

bool restart_under_umockdev() {
    if (preloaded()) return true;
    if (std::getenv("HUKIOSK_UMOCKDEV_RESTARTED") != nullptr) {
        std::fprintf(stderr, "usb_umockdev_test: still not in umockdev after umockdev-wrapper\n");
        std::exit(1);
    }
    ::setenv("HUKIOSK_UMOCKDEV_RESTARTED", "1", 1);
    // Under AddressSanitizer the preload library comes before ASan's runtime, which ASan refuses unless told
    // the order is fine; it is, for what this test does (no allocation crosses the two).
    const char* asan = std::getenv("ASAN_OPTIONS");
    const std::string asan_options =
        (asan != nullptr && *asan != '\0' ? std::string(asan) + ":" : std::string()) +
        "verify_asan_link_order=0";
    ::setenv("ASAN_OPTIONS", asan_options.c_str(), 1);
    std::array<char, 4096> self{};
    const ssize_t length = ::readlink("/proc/self/exe", self.data(), self.size() - 1);
    std::vector<char*> argv{const_cast<char*>("umockdev-wrapper"), self.data()};
    if (length > 0) {
        std::ifstream cmdline("/proc/self/cmdline", std::ios::binary);
        std::string argument;
        bool first = true;
        static std::vector<std::string> kept;
        while (std::getline(cmdline, argument, '\0')) {
            if (first) {
                first = false;
                continue;
            }
            kept.push_back(argument);
        }
        for (std::string& k : kept) argv.push_back(k.data());
    }
    argv.push_back(nullptr);
    ::execvp("umockdev-wrapper", argv.data());
    std::fprintf(stderr, "usb_umockdev_test: cannot run umockdev-wrapper (Debian package umockdev): %s\n",
                 std::strerror(errno));
    std::exit(1);
}

[[maybe_unused]] const bool kInUmockdev = restart_under_umockdev();

// Device descriptor (18 bytes) and configuration 1 (9) with one interface (9): class 7 (printer), subclass
// 1, protocol 2 (bidirectional), bulk OUT 0x01 and bulk IN 0x82 (7 each), as a receipt printer has them.
std::vector<guint8> kDescriptors = {
    // not const: umockdev takes a guint8*
    0x12, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x40, 0xB8, 0x04, 0x15, 0x0E, 0x00, 0x01, 0x01, 0x02, 0x03,
    0x01, 0x09, 0x02, 0x20, 0x00, 0x01, 0x01, 0x00, 0xC0, 0x01, 0x09, 0x04, 0x00, 0x00, 0x02, 0x07, 0x01,
    0x02, 0x00, 0x07, 0x05, 0x01, 0x02, 0x40, 0x00, 0x00, 0x07, 0x05, 0x82, 0x02, 0x40, 0x00, 0x00,
};

class UsbPrinterTestbed {
  public:
    UsbPrinterTestbed() : testbed_(umockdev_testbed_new()) {}
    ~UsbPrinterTestbed() { g_object_unref(testbed_); }
    UsbPrinterTestbed(const UsbPrinterTestbed&) = delete;
    UsbPrinterTestbed& operator=(const UsbPrinterTestbed&) = delete;

    void plug() {
        path_ = umockdev_testbed_add_device(
            testbed_, "usb", "1-1", nullptr,
            // sysfs attributes
            "idVendor", "04b8", "idProduct", "0e15", "busnum", "1", "devnum", "5", "speed", "480",
            "bConfigurationValue", "1", "bNumConfigurations", "1", "bDeviceClass", "00", nullptr,
            // udev properties
            "DEVTYPE", "usb_device", "BUSNUM", "001", "DEVNUM", "005", "DEVNAME", "/dev/bus/usb/001/005",
            "PRODUCT", "4b8/e15/100", nullptr);
        umockdev_testbed_set_attribute_binary(testbed_, path_, "descriptors", kDescriptors.data(),
                                              static_cast<gint>(kDescriptors.size()));
        umockdev_testbed_uevent(testbed_, path_, "add");
    }

    void unplug() {
        umockdev_testbed_uevent(testbed_, path_, "remove");
        umockdev_testbed_remove_device(testbed_, path_);
        g_free(path_);
        path_ = nullptr;
    }

  private:
    UMockdevTestbed* testbed_;
    gchar* path_ = nullptr;
};

using hk::drivers::FaultKind;
using hk::printer::escpos::UsbTransport;

TEST(EscPosUsbUmockdev, EnumerationFindsThePrinterClassInterface) {
    UsbPrinterTestbed bed;
    bed.plug();
    auto transport = UsbTransport::create({}).value();
    auto found = transport->find();
    ASSERT_TRUE(found.has_value()) << found.error().detail;
    EXPECT_EQ(found->vendor, 0x04b8);
    EXPECT_EQ(found->product, 0x0e15);
    EXPECT_EQ(found->bus, 1);
    EXPECT_EQ(found->address, 5);
    EXPECT_EQ(found->interface_number, 0);
    EXPECT_EQ(found->endpoint_out, 0x01);
    EXPECT_EQ(found->endpoint_in, 0x82);
}

TEST(EscPosUsbUmockdev, VendorProductSelectsAndAMissingOneIsUnplugged) {
    UsbPrinterTestbed bed;
    bed.plug();
    EXPECT_TRUE(UsbTransport::create({0x04b8, 0x0e15}).value()->find().has_value());
    auto other = UsbTransport::create({0x0519, 0x2013}).value();
    auto found = other->find();
    ASSERT_FALSE(found.has_value());
    EXPECT_EQ(found.error().kind, FaultKind::Unplugged);
    auto opened = other->open(std::chrono::milliseconds(100));
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().kind, FaultKind::Unplugged);
}

TEST(EscPosUsbUmockdev, RemovingThePrinterIsSeenByHotplugAndIsUnplugged) {
    UsbPrinterTestbed bed;
    bed.plug();
    auto transport = UsbTransport::create({0x04b8, 0x0e15}).value();
    ASSERT_TRUE(transport->find().has_value());
    ASSERT_TRUE(transport->hotplug()) << "libusb here has no hot-plug support";
    EXPECT_EQ(transport->departures(), 0);
    auto opened_present = transport->open(std::chrono::milliseconds(100));
    std::printf("open() on the synthetic printer: %s\n",
                opened_present ? "ok" : opened_present.error().detail.c_str());
    bed.unplug();
    // libusb's udev thread picks the uevent up asynchronously.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (transport->departures() == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(transport->departures(), 1);
    auto found = transport->find();
    ASSERT_FALSE(found.has_value());
    EXPECT_EQ(found.error().kind, FaultKind::Unplugged);
    auto opened = transport->open(std::chrono::milliseconds(100));
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().kind, FaultKind::Unplugged);
}

TEST(EscPosUsbUmockdev, ReplugedPrinterIsFoundAgain) {
    UsbPrinterTestbed bed;
    bed.plug();
    auto transport = UsbTransport::create({0x04b8, 0x0e15}).value();
    ASSERT_TRUE(transport->find().has_value());
    bed.unplug();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (transport->departures() == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_FALSE(transport->find().has_value());
    bed.plug();
    auto found = transport->find();
    ASSERT_TRUE(found.has_value()) << found.error().detail;
    EXPECT_EQ(found->address, 5);
}

}  // namespace
