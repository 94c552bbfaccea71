// Generated MRZ documents with their truth: a data-page area (photo box, printed fields, guilloche) with the
// MRZ in OCR-B at ICAO positions, TD1/TD2/TD3 with random valid fields, optionally degraded as a kiosk sees
// it (blur, sensor noise, JPEG, +-7 degree rotation, mild perspective, glare, uneven light, low contrast,
// worn print). Everything is a pure function of the seed.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "scanner/image.h"
#include "scanner/mrz.h"

namespace hk::scanner::testing {

struct MrzImageOptions {
    std::optional<MrzFormat> format;  // random when unset
    int dpi = 0;                      // random 150-600 when 0
    bool degrade = true;
};

struct MrzSample {
    Image image;  // grey
    std::vector<std::string> lines;
    MrzFormat format = MrzFormat::TD3;
    int dpi = 0;
};

// Random but valid MRZ lines (every check digit right).
std::vector<std::string> random_mrz_lines(MrzFormat format, std::mt19937_64& rng);

// A page carrying the given lines.
MrzSample render_mrz_page(const std::vector<std::string>& lines, int dpi, bool degrade, std::uint64_t seed);

MrzSample generate_mrz_sample(std::uint64_t seed, const MrzImageOptions& options = {});

}  // namespace hk::scanner::testing
