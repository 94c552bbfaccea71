#include "encoding.h"

#include <gtest/gtest.h>

namespace hk::central {
namespace {

TEST(Base64, DecodesRfc4648Vectors) {
    EXPECT_EQ(base64_decode(""), "");
    EXPECT_EQ(base64_decode("Zg=="), "f");
    EXPECT_EQ(base64_decode("Zm8="), "fo");
    EXPECT_EQ(base64_decode("Zm9v"), "foo");
    EXPECT_EQ(base64_decode("Zm9vYmFy"), "foobar");
}

TEST(Base64, AcceptsMissingPadding) {
    EXPECT_EQ(base64_decode("Zg"), "f");
    EXPECT_EQ(base64_decode("Zm8"), "fo");
}

TEST(Base64, RefusesAnythingElse) {
    EXPECT_FALSE(base64_decode("Z"));
    EXPECT_FALSE(base64_decode("Zg="));
    EXPECT_FALSE(base64_decode("Z==="));
    EXPECT_FALSE(base64_decode("Zm9v\n"));
    EXPECT_FALSE(base64_decode("Zm 9v"));
    EXPECT_FALSE(base64_decode("Zm9-"));
    EXPECT_FALSE(base64_decode("Zh==")) << "non-zero bits after the last byte";
    EXPECT_FALSE(base64_decode("Zg==Zg=="));
}

TEST(Base64Url, EncodesWithoutPadding) {
    EXPECT_EQ(base64url_encode(""), "");
    EXPECT_EQ(base64url_encode("f"), "Zg");
    EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Base32, EncodesRfc4648VectorsWithoutPadding) {
    EXPECT_EQ(base32_encode(""), "");
    EXPECT_EQ(base32_encode("f"), "MY");
    EXPECT_EQ(base32_encode("fooba"), "MZXW6YTB");
    EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
}

}  // namespace
}  // namespace hk::central
