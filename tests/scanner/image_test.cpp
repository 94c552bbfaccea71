#include "scanner/image.h"

#include <gtest/gtest.h>

namespace hk::scanner {
namespace {

TEST(Image, WipeEmptiesThePixelsAndTheSize) {
    Image image;
    image.width = 4;
    image.height = 2;
    image.channels = 3;
    image.dpi = 300;
    image.pixels.assign(4 * 2 * 3, 200);
    image.wipe();
    EXPECT_TRUE(image.empty());
    EXPECT_EQ(image.width, 0);
    EXPECT_EQ(image.height, 0);
    EXPECT_EQ(image.dpi, 0);
}

TEST(Image, WipeOfAnEmptyImageIsHarmless) {
    Image image;
    image.wipe();
    EXPECT_TRUE(image.empty());
}

}  // namespace
}  // namespace hk::scanner
