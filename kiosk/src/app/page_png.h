// Scanned pages travel to the central service as PNG attachments.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "scanner/image.h"

namespace hk::kiosk {

std::expected<std::vector<std::uint8_t>, std::string> encode_png(const scanner::Image& page);

}  // namespace hk::kiosk
