// docs/faults.md is what a technician reads at the kiosk: every code the software can show must be explained
// there.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "drivers/device.h"

namespace hk::drivers {
namespace {

std::string read_fault_catalogue() {
    std::ifstream file(HUKIOSK_SOURCE_DIR "/docs/faults.md");
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

int count_rows_for(const std::string& text, const std::string& code) {
    const std::string row_start = "\n| " + code + " |";
    int rows = 0;
    for (auto at = text.find(row_start); at != std::string::npos; at = text.find(row_start, at + 1)) ++rows;
    return rows;
}

TEST(FaultCatalogue, HasOneRowForEveryFaultCode) {
    const std::string text = read_fault_catalogue();
    ASSERT_FALSE(text.empty()) << "cannot read " HUKIOSK_SOURCE_DIR "/docs/faults.md";
    for (const DeviceKind device : kAllDeviceKinds) {
        for (int number = 1; number <= 11; ++number) {
            const auto kind = static_cast<FaultKind>(number);
            const std::string code = fault_code(device, kind);
            EXPECT_NE(text.find(code), std::string::npos) << code << " is missing";
            EXPECT_EQ(count_rows_for(text, code), 1) << code << " should start exactly one table row";
        }
    }
}

TEST(FaultCatalogue, NamesTheDeviceAndFaultOfEachRow) {
    const std::string text = read_fault_catalogue();
    for (const DeviceKind device : kAllDeviceKinds) {
        for (int number = 1; number <= 11; ++number) {
            const auto kind = static_cast<FaultKind>(number);
            const std::string row_start = "\n| " + fault_code(device, kind) + " | " +
                                          std::string{to_string(device)} + " | " +
                                          std::string{to_string(kind)} + " |";
            EXPECT_NE(text.find(row_start), std::string::npos) << row_start.substr(1);
        }
    }
}

}  // namespace
}  // namespace hk::drivers
