// The issuing authority's red round seal: a ring, a five-pointed star in the middle and the authority's name
// running clockwise along the top of the ring, the way Chinese official seals are cut.
#pragma once

#include <cairo.h>

#include <string_view>

namespace hk::printer::detail {

struct SealGeometry {
    double centre_x = 0.0;
    double centre_y = 0.0;
    double radius = 56.0;  // outer radius of the ring, user units
};

void paint_seal(cairo_t* cr, const SealGeometry& seal, std::string_view issuer);

}  // namespace hk::printer::detail
