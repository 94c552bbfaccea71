// EscPosReceiptPrinter on a character device, as with the kernel's usblp driver (/dev/usb/lpN): here a
// pseudo-terminal in raw mode stands for the device node, and a thread on its other end plays the printer,
// answering DLE EOT and GS r 1 the way a real one does.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "escpos_test_bytes.h"
#include "printer/escpos/encoder.h"
#include "printer/escpos/escpos_receipt_printer.h"

namespace hk::printer::escpos {
namespace {

using drivers::FaultKind;
using namespace std::chrono_literals;

constexpr std::uint8_t kReady = 0x12;            // DLE EOT reply with only its fixed bits: all is well
constexpr std::uint8_t kPaperEnd = 0x12 | 0x60;  // DLE EOT 4: paper end sensor

// The printer end of a pseudo-terminal: everything written to the device path arrives here.
class PtyPrinter {
  public:
    explicit PtyPrinter(bool paper_out) : paper_out_(paper_out) {
        char name[256] = {};
        if (openpty(&master_, &slave_, name, nullptr, nullptr) != 0)
            throw std::runtime_error("openpty failed");
        path_ = name;
        termios raw{};
        tcgetattr(slave_, &raw);
        cfmakeraw(&raw);  // bytes pass unchanged, no echo: like a device node
        tcsetattr(slave_, TCSANOW, &raw);
        thread_ = std::thread([this] { answer(); });
    }
    ~PtyPrinter() {
        stop_ = true;
        thread_.join();
        ::close(master_);
        ::close(slave_);
    }
    PtyPrinter(const PtyPrinter&) = delete;
    PtyPrinter& operator=(const PtyPrinter&) = delete;

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] std::vector<std::uint8_t> received() {
        std::lock_guard lock(mutex_);
        return received_;
    }

  private:
    // Answers the two questions the kiosk asks; the test receipts hold plain text only, so their bytes never
    // look like a question.
    void answer() {
        std::size_t scanned = 0;
        while (!stop_) {
            pollfd poll_fd{master_, POLLIN, 0};
            if (::poll(&poll_fd, 1, 20) <= 0) continue;
            std::uint8_t buffer[4096];
            const ssize_t got = ::read(master_, buffer, sizeof buffer);
            if (got <= 0) continue;
            std::lock_guard lock(mutex_);
            received_.insert(received_.end(), buffer, buffer + got);
            for (; scanned + 2 < received_.size(); ++scanned) {
                const std::uint8_t* at = &received_[scanned];
                if (at[0] == 0x10 && at[1] == 0x04) {
                    const std::uint8_t reply = at[2] == 4 && paper_out_ ? kPaperEnd : kReady;
                    (void)!::write(master_, &reply, 1);
                } else if (at[0] == 0x1D && at[1] == 0x72 && at[2] == 0x01) {
                    const std::uint8_t paper_ok = 0x00;
                    (void)!::write(master_, &paper_ok, 1);
                }
            }
        }
    }

    bool paper_out_;
    int master_ = -1;
    int slave_ = -1;
    std::string path_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::vector<std::uint8_t> received_;
    std::thread thread_;
};

std::unique_ptr<ReceiptPrinter> printer_at(const std::string& path) {
    EscPosOptions options = parse_escpos_connection("device:" + path).value();
    options.timeouts = {.connect = 500ms, .status = 300ms, .write = 1000ms, .printed = 2000ms};
    return make_escpos_receipt_printer(options).value();
}

Receipt plain_receipt() {
    Receipt receipt;
    receipt.lines = {{"Tracking no. A2026-004711", ReceiptStyle::Bold},
                     {"Keep this receipt.", ReceiptStyle::Normal}};
    return receipt;
}

TEST(EscPosOverDevice, PrintsTheReceiptThroughTheDeviceNode) {
    PtyPrinter device(/*paper_out=*/false);
    auto printer = printer_at(device.path());
    EXPECT_TRUE(printer->status().ready) << printer->status().detail;
    ASSERT_TRUE(printer->print(plain_receipt()).has_value());
    const auto job = encode_receipt(plain_receipt(), profile_by_name("generic-80").value()).value().bytes;
    EXPECT_TRUE(testing::contains(device.received(), job)) << "the job passes the device node unchanged";
}

TEST(EscPosOverDevice, AnEmptyRollIsPaperOutAndNothingIsSent) {
    PtyPrinter device(/*paper_out=*/true);
    auto printer = printer_at(device.path());
    const auto printed = printer->print(plain_receipt());
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().kind, FaultKind::PaperOut) << printed.error().detail;
    const auto job = encode_receipt(plain_receipt(), profile_by_name("generic-80").value()).value().bytes;
    EXPECT_FALSE(testing::contains(device.received(), job));
}

TEST(EscPosOverDevice, AMissingDeviceNodeIsUnplugged) {
    auto printer = printer_at("/dev/usb/lp-hukiosk-test-absent");
    const drivers::DeviceStatus status = printer->status();
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::Unplugged) << status.detail;
    EXPECT_EQ(printer->print(plain_receipt()).error().kind, FaultKind::Unplugged);
}

}  // namespace
}  // namespace hk::printer::escpos
