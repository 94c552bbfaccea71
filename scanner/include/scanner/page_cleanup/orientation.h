// Which way is up: the page's quarter turn, from Tesseract's orientation and script detection (OSD).
#pragma once

#include <expected>
#include <memory>
#include <string>

#include "scanner/image.h"

namespace hk::scanner::page {

struct Orientation {
    // Clockwise rotation that makes the page upright: 0, 90, 180 or 270.
    int rotation_deg = 0;
    // Tesseract's orientation confidence (0 when nothing was detected); below ~2 the answer is a guess.
    double confidence = 0;
};

// Holds one Tesseract engine loaded with osd.traineddata: loading costs far more than a detection, so a
// cleaner keeps one for its life. Not thread-safe: one detector per thread.
class OrientationDetector {
  public:
    // tessdata_dir empty: Tesseract's built-in path (/usr/share/tesseract-ocr/5/tessdata on Debian).
    static std::expected<OrientationDetector, std::string> open(const std::string& tessdata_dir = {});
    ~OrientationDetector();
    OrientationDetector(OrientationDetector&&) noexcept;
    OrientationDetector& operator=(OrientationDetector&&) noexcept;

    // An error when the page has too little text to tell.
    std::expected<Orientation, std::string> detect(const Image& page);

  private:
    struct Engine;
    explicit OrientationDetector(std::unique_ptr<Engine> engine);
    std::unique_ptr<Engine> engine_;
};

// Quarter turns clockwise (rotation_deg in 0, 90, 180, 270); a quarter turn swaps width and height.
Image rotate_quarter_turns(const Image& page, int rotation_deg);

}  // namespace hk::scanner::page
