// A generated face-like picture for test documents: a head and shoulders over a graded background with
// fixed-seed noise (so JPEG has something to compress and the size follows the quality), encoded by OpenCV
// at a requested byte size.
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <map>
#include <mutex>
#include <random>
#include <tuple>

#include "drivers/icao9303/test_document.h"

namespace hk::drivers::icao9303::testdoc {

namespace {

cv::Mat draw_face(int width, int height) {
    cv::Mat image(height, width, CV_8UC3);
    std::mt19937 random(9303);
    std::uniform_int_distribution<int> noise(-24, 24);
    const double cx = width / 2.0;
    const double cy = height * 0.42;
    const double rx = width * 0.28;
    const double ry = height * 0.27;
    for (int y = 0; y < height; ++y) {
        auto* row = image.ptr<cv::Vec3b>(y);
        for (int x = 0; x < width; ++x) {
            const double dx = (x - cx) / rx;
            const double dy = (y - cy) / ry;
            const bool head = dx * dx + dy * dy <= 1.0;
            const bool shoulders =
                y > height * 0.72 && std::abs(x - cx) < width * (0.2 + (y - height * 0.72) / height);
            int b = 200 - y * 60 / height;  // background: light blue-grey, darker downwards
            int g = 205 - y * 50 / height;
            int r = 210 - y * 40 / height;
            if (head) {
                b = 140;
                g = 170;
                r = 215;
            } else if (shoulders) {
                b = 90;
                g = 60;
                r = 50;
            }
            const int n = noise(random);
            row[x] = cv::Vec3b(cv::saturate_cast<std::uint8_t>(b + n), cv::saturate_cast<std::uint8_t>(g + n),
                               cv::saturate_cast<std::uint8_t>(r + n));
        }
    }
    return image;
}

Bytes encode(const cv::Mat& image, FaceImageFormat format, int parameter) {
    std::vector<std::uint8_t> out;
    const bool jpeg = format == FaceImageFormat::Jpeg;
    const std::vector<int> params = jpeg
                                        ? std::vector<int>{cv::IMWRITE_JPEG_QUALITY, parameter}
                                        : std::vector<int>{cv::IMWRITE_JPEG2000_COMPRESSION_X1000, parameter};
    if (!cv::imencode(jpeg ? ".jpg" : ".jp2", image, out, params)) return {};
    return out;
}

// JPEG: pads to exactly `bytes` with COM segments (FF FE, T.81 §B.2.4.5) right after SOI; readers skip them.
void pad_jpeg(Bytes& jpeg, std::size_t bytes) {
    while (jpeg.size() + 4 <= bytes) {
        const std::size_t payload = std::min<std::size_t>(bytes - jpeg.size() - 4, 65533);
        Bytes segment{0xFF, 0xFE, static_cast<std::uint8_t>((payload + 2) >> 8),
                      static_cast<std::uint8_t>((payload + 2) & 0xFF)};
        segment.insert(segment.end(), payload, 0x20);
        jpeg.insert(jpeg.begin() + 2, segment.begin(), segment.end());
    }
}

}  // namespace

Bytes make_face_image(FaceImageFormat format, std::size_t bytes, int width, int height) {
    static std::mutex mutex;
    static std::map<std::tuple<FaceImageFormat, std::size_t, int, int>, Bytes> cache;
    std::lock_guard lock(mutex);
    Bytes& cached = cache[{format, bytes, width, height}];
    if (!cached.empty()) return cached;
    if (width <= 0 || height <= 0) return {};

    const cv::Mat image = draw_face(width, height);
    // The largest output not over `bytes`: quality 1..100 for JPEG, rate 1..1000 for JPEG 2000.
    int low = 1;
    int high = format == FaceImageFormat::Jpeg ? 100 : 1000;
    Bytes best = encode(image, format, low);
    while (low < high) {
        const int middle = (low + high + 1) / 2;
        Bytes candidate = encode(image, format, middle);
        if (!candidate.empty() && candidate.size() <= bytes) {
            best = std::move(candidate);
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    if (format == FaceImageFormat::Jpeg) pad_jpeg(best, bytes);
    cached = best;
    return best;
}

}  // namespace hk::drivers::icao9303::testdoc
