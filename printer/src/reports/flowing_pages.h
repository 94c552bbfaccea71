// Text that flows down A4 pages and onto new ones when a page is full: the layout engine of the technician
// reports, which unlike a certificate have no fixed length. Every page gets the same running header.
#pragma once

#include <cairo.h>

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text_layout.h"

namespace hk::printer::reports {

inline constexpr double kA4Width = 595.28;  // points
inline constexpr double kA4Height = 841.89;
inline constexpr double kMargin = 48.0;
inline constexpr double kContentWidth = kA4Width - 2.0 * kMargin;

// One line or paragraph to place: measured before it is placed, so the page break falls between blocks.
struct TextBlock {
    std::string text;
    detail::FontSpec font;
    double indent = 0.0;       // from the left margin
    double space_after = 2.0;  // points
    double grey = 0.0;         // 0 black .. 1 white
};

class FlowingPages {
  public:
    // `running_header` is painted at the top of every page with the page number (1-based); it returns how far
    // down it reached, where the flowing text starts.
    using RunningHeader = std::function<double(cairo_t*, int page)>;

    FlowingPages(cairo_t* cr, RunningHeader running_header);

    // Places the blocks as one group: on a new page when the whole group fits on an empty page but not on
    // the rest of this one, else flowing block by block.
    void add_group(const std::vector<TextBlock>& group);
    void add(const TextBlock& block) { add_group({block}); }
    // A heading: held back and placed with the next group, so it never ends a page alone.
    void keep_with_next(TextBlock heading) { held_.push_back(std::move(heading)); }
    void add_space(double points);

    [[nodiscard]] int pages() const { return page_; }

  private:
    struct Placed {
        detail::SharedLayout layout;
        double height;
        const TextBlock* block;
    };
    void start_page();
    [[nodiscard]] double bottom() const { return kA4Height - kMargin; }

    std::vector<TextBlock> held_;
    cairo_t* cr_;
    RunningHeader running_header_;
    int page_ = 0;
    double top_of_text_ = kMargin;
    double y_ = kMargin;
};

}  // namespace hk::printer::reports
