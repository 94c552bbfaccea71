// Technician PIN hashes: the stored form, agreement with an independent PBKDF2, and every malformed hash
// refused without a crash.
#include "pin_hash.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hk::ops {
namespace {

// Low, so the tests stay fast; the kiosk uses the default.
constexpr int kFewIterations = 1000;

// PBKDF2-HMAC-SHA256("246810", salt 00112233..eeff, 1000 iterations), computed with Python's hashlib.
constexpr std::string_view kKnownHash =
    "pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$"
    "86e00dcfbb6bc368ad355e286a3ac9584a9722d4b3d2e760c21db92dcfd5e0f0";

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dollar; (dollar = text.find('$', start)) != std::string::npos; start = dollar + 1)
        parts.push_back(text.substr(start, dollar - start));
    parts.push_back(text.substr(start));
    return parts;
}

TEST(PinHash, HasTheDocumentedForm) {
    const auto parts = split(hash_pin("246810", kFewIterations));
    ASSERT_EQ(parts.size(), 4U);
    EXPECT_EQ(parts[0], "pbkdf2-sha256");
    EXPECT_EQ(parts[1], "1000");
    EXPECT_EQ(parts[2].size(), 32U);  // 16-byte salt
    EXPECT_EQ(parts[3].size(), 64U);  // 32-byte hash
    EXPECT_EQ(parts[2].find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(parts[3].find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(PinHash, MatchesTheRightPinOnly) {
    const std::string hash = hash_pin("246810", kFewIterations);
    EXPECT_TRUE(pin_matches("246810", hash));
    EXPECT_FALSE(pin_matches("246811", hash));
    EXPECT_FALSE(pin_matches("24681", hash));
    EXPECT_FALSE(pin_matches("", hash));
}

TEST(PinHash, SaltsEachHashAfresh) {
    EXPECT_NE(hash_pin("246810", kFewIterations), hash_pin("246810", kFewIterations));
}

TEST(PinHash, AgreesWithAnIndependentPbkdf2) {
    EXPECT_TRUE(pin_matches("246810", kKnownHash));
    EXPECT_FALSE(pin_matches("246811", kKnownHash));
    std::string upper(kKnownHash);
    for (std::size_t i = std::string_view("pbkdf2-sha256$1000$").size(); i < upper.size(); ++i)
        if (upper[i] >= 'a' && upper[i] <= 'f') upper[i] = static_cast<char>(upper[i] - 'a' + 'A');
    EXPECT_TRUE(pin_matches("246810", upper));
}

TEST(PinHash, RefusesMalformedHashesWithoutCrashing) {
    const std::string salt = "00112233445566778899aabbccddeeff";
    const std::string hash = "86e00dcfbb6bc368ad355e286a3ac9584a9722d4b3d2e760c21db92dcfd5e0f0";
    const std::vector<std::string> malformed = {
        "",
        "$",
        "$$$",
        "pbkdf2-sha256",
        "pbkdf2-sha256$1000",
        "pbkdf2-sha256$1000$" + salt,
        "pbkdf2-sha256$1000$" + salt + "$",
        "pbkdf2-sha256$1000$$" + hash,
        "pbkdf2-sha256$1000$" + salt + "$" + hash + "$",
        "pbkdf2-sha256$1000$" + salt + "$" + hash + "00",
        "pbkdf2-sha256$1000$" + salt + "$" + hash.substr(1),
        "pbkdf2-sha256$1000$" + salt.substr(1) + "$" + hash,
        "pbkdf2-sha256$1000$0011223344556677$" + hash.substr(0, 62) + "zz",
        "pbkdf2-sha256$1000$00112233445566$" + hash,                            // a 7-byte salt
        "pbkdf2-sha256$1000$" + salt + salt + salt + salt + salt + "$" + hash,  // an 80-byte salt
        "pbkdf2-sha256$0$" + salt + "$" + hash,
        "pbkdf2-sha256$-1000$" + salt + "$" + hash,
        "pbkdf2-sha256$+1000$" + salt + "$" + hash,
        "pbkdf2-sha256$ 1000$" + salt + "$" + hash,
        "pbkdf2-sha256$1000x$" + salt + "$" + hash,
        "pbkdf2-sha256$99999999999999999999$" + salt + "$" + hash,
        "pbkdf2-sha256$2000000000$" + salt + "$" + hash,  // would stall the kiosk for hours
        "pbkdf2-sha1$1000$" + salt + "$" + hash,
        "PBKDF2-SHA256$1000$" + salt + "$" + hash,
        "246810",
        std::string("pbkdf2-sha256$1000$") + std::string(1, '\0') + "$" + hash,
    };
    for (const auto& text : malformed) EXPECT_FALSE(pin_matches("246810", text)) << "hash: " << text;
}

TEST(PinHash, KeepsIterationsInRange) {
    EXPECT_EQ(split(hash_pin("1", 0))[1], "1");
    EXPECT_EQ(split(hash_pin("1", -5))[1], "1");
    EXPECT_TRUE(pin_matches("1", hash_pin("1", 0)));
}

}  // namespace
}  // namespace hk::ops
