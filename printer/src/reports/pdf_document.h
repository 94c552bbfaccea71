// An A4 PDF written to memory through a cairo stream surface: the common frame of the technician reports,
// so each only paints its pages.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <vector>

namespace hk::printer::reports {

// Calls `paint` with a context on the first A4 page (points, origin top-left; further pages with
// cairo_show_page) and returns the finished PDF, or why cairo could not make it.
std::expected<std::vector<std::uint8_t>, std::string> render_a4_pdf(
    const std::string& title, const std::function<void(cairo_t*)>& paint);

}  // namespace hk::printer::reports
