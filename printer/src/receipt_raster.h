// The receipt as the thermal head prints it, with its length, for the simulated printer's paper accounting.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "printer/receipt.h"

namespace hk::printer::detail {

inline constexpr double kReceiptDotsPerInch = 203.0;

struct RenderedReceipt {
    std::vector<std::uint8_t> png;  // 8-bit greyscale, kReceiptWidthDots wide
    int height_dots = 0;
};

std::expected<RenderedReceipt, std::string> render_receipt(const Receipt& receipt);

}  // namespace hk::printer::detail
