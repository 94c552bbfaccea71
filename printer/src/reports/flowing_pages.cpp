#include "flowing_pages.h"

#include <numeric>
#include <utility>

namespace hk::printer::reports {

FlowingPages::FlowingPages(cairo_t* cr, RunningHeader running_header)
    : cr_(cr), running_header_(std::move(running_header)) {
    start_page();
}

void FlowingPages::start_page() {
    if (page_ > 0) cairo_show_page(cr_);
    ++page_;
    cairo_set_source_rgb(cr_, 0, 0, 0);
    top_of_text_ = running_header_ ? running_header_(cr_, page_) : kMargin;
    y_ = top_of_text_;
}

void FlowingPages::add_space(double points) {
    // Space at the top of a page would only push the text down.
    if (y_ > top_of_text_) y_ += points;
}

void FlowingPages::add_group(const std::vector<TextBlock>& group) {
    std::vector<TextBlock> blocks = std::exchange(held_, {});
    blocks.insert(blocks.end(), group.begin(), group.end());
    std::vector<Placed> placed;
    placed.reserve(blocks.size());
    for (const TextBlock& block : blocks) {
        detail::TextOptions options;
        options.width = kContentWidth - block.indent;
        detail::SharedLayout layout =
            detail::share(detail::make_text_layout(cr_, block.text, block.font, options));
        const double height = detail::measure(layout.get()).height;
        placed.push_back({std::move(layout), height, &block});
    }
    const double group_height =
        std::accumulate(placed.begin(), placed.end(), 0.0,
                        [](double sum, const Placed& p) { return sum + p.height + p.block->space_after; });
    if (y_ + group_height > bottom() && group_height <= bottom() - top_of_text_ && y_ > top_of_text_)
        start_page();
    for (const Placed& p : placed) {
        if (y_ + p.height > bottom() && y_ > top_of_text_) start_page();
        cairo_set_source_rgb(cr_, p.block->grey, p.block->grey, p.block->grey);
        detail::draw_layout(cr_, p.layout.get(), kMargin + p.block->indent, y_);
        y_ += p.height + p.block->space_after;
    }
    cairo_set_source_rgb(cr_, 0, 0, 0);
}

}  // namespace hk::printer::reports
