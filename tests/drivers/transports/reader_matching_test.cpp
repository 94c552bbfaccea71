#include <gtest/gtest.h>

#include "drivers/transports/pcsc_reader_port.h"

namespace hk::drivers::transports {
namespace {

const std::vector<std::string> kReaders{"Virtual PCD 00 00", "Virtual PCD 00 01",
                                        "ACS ACR122U PICC Interface 01 00"};

TEST(ReaderMatching, ExactThenPrefixThenSubstring) {
    EXPECT_EQ(match_reader(kReaders, "Virtual PCD 00 01"), "Virtual PCD 00 01");
    EXPECT_EQ(match_reader(kReaders, "Virtual PCD"), "Virtual PCD 00 00");
    EXPECT_EQ(match_reader(kReaders, "ACS ACR122"), "ACS ACR122U PICC Interface 01 00");
    EXPECT_EQ(match_reader(kReaders, "PICC"), "ACS ACR122U PICC Interface 01 00");
    EXPECT_EQ(match_reader(kReaders, "PCD 00 01"), "Virtual PCD 00 01");
}

TEST(ReaderMatching, EmptySelectorTakesTheFirstAndNothingMatchesNothing) {
    EXPECT_EQ(match_reader(kReaders, ""), "Virtual PCD 00 00");
    EXPECT_EQ(match_reader(kReaders, "OMNIKEY"), std::nullopt);
    EXPECT_EQ(match_reader({}, ""), std::nullopt);
}

}  // namespace
}  // namespace hk::drivers::transports
