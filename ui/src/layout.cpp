#include "layout.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace hk::ui {
namespace {

// All sizes are designed for the short side of the screen being 1080 px and scale with it, so portrait
// 1080x1920 and landscape 1920x1080 get the same type sizes.
struct Metrics {
    double s = 1.0;
    int margin = 0;
    int band_h = 0;
    int title_top = 0;
    int section_gap = 0;  // between title, body, progress, countdown and buttons
    int title_px = 0;
    int title_min_px = 0;
    int body_px = 0;
    int body_min_px = 0;
    int label_px = 0;
    int label_min_px = 0;
    int font_step = 0;
    int hint_px = 0;
    int hint_w = 0;
    int footer_px = 0;
    int footer_bottom_gap = 0;
    int countdown_px = 0;
    int progress_h = 0;
    int button_h = 0;
    int button_min_h = 0;
    int button_gap = 0;
    int button_pad_x = 0;
    int button_pad_y = 0;
    int corner = 0;
    int stroke = 0;
};

constexpr int kMinButtonHeight = 120;  // a touch target a hurried thumb cannot miss

int scaled(double design_px, double s) {
    return std::max(1, static_cast<int>(std::lround(design_px * s)));
}

Metrics metrics_for(Size screen) {
    Metrics m;
    m.s = std::min(screen.w, screen.h) / 1080.0;
    const double s = m.s;
    m.margin = scaled(64, s);
    m.band_h = scaled(20, s);
    m.title_top = m.band_h + scaled(72, s);
    m.section_gap = scaled(48, s);
    m.title_px = scaled(72, s);
    m.title_min_px = scaled(56, s);
    m.body_px = scaled(44, s);
    m.body_min_px = scaled(32, s);
    m.label_px = scaled(48, s);
    m.label_min_px = scaled(32, s);
    m.font_step = scaled(4, s);
    m.hint_px = scaled(34, s);
    m.hint_w = scaled(72, s);
    m.footer_px = scaled(30, s);
    m.footer_bottom_gap = scaled(36, s);
    m.countdown_px = scaled(140, s);
    m.progress_h = scaled(28, s);
    m.button_min_h = kMinButtonHeight;
    m.button_h = std::max(kMinButtonHeight, scaled(144, s));
    m.button_gap = scaled(28, s);
    m.button_pad_x = scaled(32, s);
    m.button_pad_y = scaled(12, s);
    m.corner = scaled(28, s);
    m.stroke = std::max(2, scaled(4, s));
    return m;
}

bool is_landscape(Size screen) {
    return screen.w > screen.h;
}

struct Grid {
    int columns = 1;
    int rows = 0;
    int button_h = 0;
    std::size_t shown = 0;
};

int grid_height(int rows, int button_h, int gap) {
    return rows <= 0 ? 0 : rows * button_h + (rows - 1) * gap;
}

// `room_options` are the heights the buttons may take, in groups from most to least generous to the text
// above them. Within a group: the comfortable height before the minimum, fewer columns before more, more room
// for the text before less. When nothing fits, as many rows as fit in the last, largest option.
Grid choose_grid(std::size_t count, std::initializer_list<std::initializer_list<int>> room_options,
                 bool landscape, const Metrics& m) {
    if (count == 0) return {};
    const int first_columns = landscape ? 2 : 1;
    const int max_columns = landscape ? 4 : 3;
    int largest_room = 0;
    for (const auto& group : room_options) {
        for (const int button_h : {m.button_h, m.button_min_h}) {
            for (int columns = first_columns; columns <= max_columns; ++columns) {
                const auto c = static_cast<std::size_t>(columns);
                const int rows = static_cast<int>((count + c - 1) / c);
                for (const int room : group) {
                    largest_room = std::max(largest_room, room);
                    if (grid_height(rows, button_h, m.button_gap) <= room)
                        return {columns, rows, button_h, count};
                }
            }
        }
    }
    const int rows = std::max(0, (largest_room + m.button_gap) / (m.button_min_h + m.button_gap));
    const auto capacity = static_cast<std::size_t>(rows) * static_cast<std::size_t>(max_columns);
    return {max_columns, rows, m.button_min_h, std::min(count, capacity)};
}

// The largest size from `largest` down to `smallest` at which `fits` holds; `smallest` when none does.
template <typename Fits>
int largest_fitting_px(int largest, int smallest, int step, Fits fits) {
    for (int px = largest; px > smallest; px -= step) {
        if (fits(px)) return px;
    }
    return smallest;
}

std::vector<ButtonBox> place_buttons(const ViewModel& view, const Grid& grid, int bottom, int content_x,
                                     int content_w, const Metrics& m, const MeasureText& measure) {
    std::vector<ButtonBox> boxes;
    if (grid.shown == 0) return boxes;
    const auto columns = static_cast<std::size_t>(grid.columns);
    const int col_w = (content_w - (grid.columns - 1) * m.button_gap) / grid.columns;
    const int top = bottom - grid_height(grid.rows, grid.button_h, m.button_gap);

    std::size_t enabled_shown = 0;
    for (std::size_t i = 0; i < grid.shown; ++i) enabled_shown += view.buttons[i].enabled ? 1 : 0;
    const bool show_hints = enabled_shown > 1;

    int enabled_rank = 0;
    for (std::size_t i = 0; i < grid.shown; ++i) {
        const std::size_t row = i / columns;
        const std::size_t col = i % columns;
        const auto in_row = static_cast<int>(std::min(columns, grid.shown - row * columns));
        const int row_w = in_row * col_w + (in_row - 1) * m.button_gap;
        const int row_x = content_x + (content_w - row_w) / 2;  // a short last row is centred

        ButtonBox box;
        box.index = i;
        box.rect = {row_x + static_cast<int>(col) * (col_w + m.button_gap),
                    top + static_cast<int>(row) * (grid.button_h + m.button_gap), col_w, grid.button_h};

        const Button& button = view.buttons[i];
        if (button.enabled) ++enabled_rank;
        if (button.enabled && enabled_rank <= 9) box.key_number = enabled_rank;
        // The label keeps clear of the hint on both sides so it stays centred on the button.
        const int side = std::max(m.button_pad_x, show_hints ? m.hint_w : 0);
        const Rect label_rect{box.rect.x + side, box.rect.y + m.button_pad_y, std::max(1, col_w - 2 * side),
                              std::max(1, grid.button_h - 2 * m.button_pad_y)};
        const int px = largest_fitting_px(m.label_px, m.label_min_px, m.font_step, [&](int candidate) {
            return measure(button.label, candidate, Weight::Bold, label_rect.w) <= label_rect.h;
        });
        // A label too long even at the smallest size shows whole lines only, centred on the button.
        const int label_line = std::max(1, measure("Hg", px, Weight::Bold, 0));
        const int label_h = std::max(1, std::min(label_rect.h / label_line, 3)) * label_line;
        const Rect whole_lines{label_rect.x, box.rect.y + (box.rect.h - label_h) / 2, label_rect.w,
                               std::min(label_h, box.rect.h)};
        box.label = {whole_lines, px, Weight::Bold, Align::Center};
        if (show_hints && box.key_number > 0) {
            box.key_hint = TextBox{{box.rect.x + m.stroke, box.rect.y, m.hint_w, box.rect.h},
                                   m.hint_px,
                                   Weight::Regular,
                                   Align::Center};
        }
        boxes.push_back(box);
    }
    return boxes;
}

// Paragraphs from `top` down to `bottom`: the largest body size at which all fit, else the smallest size and
// as many as fit (the last one clipped to whole lines).
std::vector<LineBox> place_lines(const ViewModel& view, int top, int bottom, int x, int w, const Metrics& m,
                                 const MeasureText& measure, std::size_t& hidden) {
    std::vector<LineBox> boxes;
    hidden = view.lines.size();
    if (view.lines.empty() || bottom <= top) return boxes;
    const auto paragraph_gap = [](int px) { return static_cast<int>(std::lround(px * 0.5)); };
    const auto total_height = [&](int px) {
        int total = 0;
        for (std::size_t i = 0; i < view.lines.size(); ++i) {
            total += measure(view.lines[i], px, Weight::Regular, w) + (i > 0 ? paragraph_gap(px) : 0);
            if (total > bottom - top) break;  // no need to measure what cannot fit
        }
        return total;
    };
    const int px = largest_fitting_px(m.body_px, m.body_min_px, m.font_step,
                                      [&](int candidate) { return total_height(candidate) <= bottom - top; });

    int y = top;
    for (std::size_t i = 0; i < view.lines.size(); ++i) {
        if (i > 0) y += paragraph_gap(px);
        const int h = measure(view.lines[i], px, Weight::Regular, w);
        if (y + h <= bottom) {
            boxes.push_back({i, {{x, y, w, h}, px, Weight::Regular, Align::Start}});
            y += h;
            continue;
        }
        const int lh = std::max(1, measure("Hg", px, Weight::Regular, 0));  // the font's own line skip
        const int whole_lines = std::max(0, (bottom - y) / lh);
        if (whole_lines > 0)
            boxes.push_back({i, {{x, y, w, whole_lines * lh}, px, Weight::Regular, Align::Start}});
        break;
    }
    hidden = view.lines.size() - boxes.size();
    return boxes;
}

}  // namespace

int line_height(int px) {
    return static_cast<int>(std::lround(px * 1.45));
}

int estimate_text_height(std::string_view text, int px, Weight /*weight*/, int wrap_width) {
    if (text.empty()) return 0;
    double width = 0;
    int newlines = 0;
    for (const char ch : text) {
        const auto byte = static_cast<unsigned char>(ch);
        if (byte == '\n') {
            ++newlines;
        } else if (byte < 0x80) {
            width += 0.55 * px;
        } else if (byte >= 0xC0) {  // lead byte of a multi-byte character: CJK and Hangul are full width
            width += px;
        }
    }
    int lines = 1 + newlines;
    if (wrap_width > 0) lines = std::max(lines, static_cast<int>(std::ceil(width / wrap_width)) + newlines);
    return lines * line_height(px);
}

ScreenLayout lay_out(const ViewModel& view, Size screen, const MeasureText& measure) {
    const Metrics m = metrics_for(screen);
    ScreenLayout layout;
    layout.screen = screen;
    layout.margin = m.margin;
    layout.corner_radius = m.corner;
    layout.stroke = m.stroke;
    layout.tone_band = {0, 0, screen.w, m.band_h};

    const int content_x = m.margin;
    const int content_w = std::max(1, screen.w - 2 * m.margin);

    // From the bottom up: footer, buttons, countdown, progress. Their space never depends on text
    // measurement.
    int bottom = screen.h - m.margin;
    if (!view.footer.empty()) {
        const int h = line_height(m.footer_px);
        const int y = screen.h - m.footer_bottom_gap - h;
        layout.footer = TextBox{{content_x, y, content_w, h}, m.footer_px, Weight::Regular, Align::Start};
        bottom = y - m.section_gap;
    }
    const int countdown_h = view.countdown_seconds ? line_height(m.countdown_px) : 0;
    const int progress_h = view.progress ? m.progress_h : 0;
    // Buttons are the way on, so they come first: the room kept above them for some body text, then for a
    // second title line, is given up before a button is left off; keeping the body text is worth more
    // columns.
    const int fixed_above = m.title_top + (view.countdown_seconds ? countdown_h + m.section_gap : 0) +
                            (view.progress ? progress_h + m.section_gap : 0);
    const int one_title_line = view.title.empty() ? 0 : line_height(m.title_px) + m.section_gap;
    const int two_title_lines = view.title.empty() ? 0 : 2 * line_height(m.title_px) + m.section_gap;
    const int body_room = view.lines.empty() ? 0 : 3 * line_height(m.body_px) + m.section_gap;
    const int room = bottom - fixed_above;
    const Grid grid = choose_grid(view.buttons.size(),
                                  {{room - two_title_lines - body_room, room - one_title_line - body_room},
                                   {room - two_title_lines, room - one_title_line}},
                                  is_landscape(screen), m);
    layout.buttons = place_buttons(view, grid, bottom, content_x, content_w, m, measure);
    layout.hidden_buttons = view.buttons.size() - grid.shown;

    int cursor = bottom;  // top of the lowest thing placed so far
    if (!layout.buttons.empty()) cursor = layout.buttons.front().rect.y - m.section_gap;
    if (view.countdown_seconds) {
        cursor -= countdown_h;
        layout.countdown =
            TextBox{{content_x, cursor, content_w, countdown_h}, m.countdown_px, Weight::Bold, Align::Center};
        cursor -= m.section_gap;
    }
    if (view.progress) {
        cursor -= progress_h;
        layout.progress = Rect{content_x, cursor, content_w, progress_h};
        cursor -= m.section_gap;
    }

    // The title may take two lines (fewer if the buttons needed the room), shrinking before it wraps further;
    // the body gets what is left.
    const auto title_line = [&](int px) { return std::max(1, measure("Hg", px, Weight::Bold, 0)); };
    const auto title_lines_allowed = [&](int px) {
        return std::clamp((cursor - m.title_top) / title_line(px), 0, 2);
    };
    int title_px = m.title_px;
    int title_h = 0;
    if (!view.title.empty()) {
        title_px = largest_fitting_px(m.title_px, m.title_min_px, m.font_step, [&](int px) {
            return measure(view.title, px, Weight::Bold, content_w) <=
                   title_lines_allowed(px) * title_line(px);
        });
        title_h = std::min(measure(view.title, title_px, Weight::Bold, content_w),
                           title_lines_allowed(title_px) * title_line(title_px));
    }
    layout.title = {{content_x, m.title_top, content_w, title_h}, title_px, Weight::Bold, Align::Start};

    const int body_top = m.title_top + (title_h > 0 ? title_h + m.section_gap : 0);
    layout.lines = place_lines(view, body_top, cursor, content_x, content_w, m, measure, layout.hidden_lines);
    return layout;
}

std::optional<std::size_t> button_at(const ScreenLayout& layout, int x, int y) {
    for (const ButtonBox& box : layout.buttons) {
        if (box.rect.contains(x, y)) return box.index;
    }
    return std::nullopt;
}

Rect fit_inside(Size content, Size outer) {
    if (content.w <= 0 || content.h <= 0 || outer.w <= 0 || outer.h <= 0) return {};
    const double scale =
        std::min(static_cast<double>(outer.w) / content.w, static_cast<double>(outer.h) / content.h);
    const int w = std::max(1, static_cast<int>(std::lround(content.w * scale)));
    const int h = std::max(1, static_cast<int>(std::lround(content.h * scale)));
    return {(outer.w - w) / 2, (outer.h - h) / 2, w, h};
}

std::pair<int, int> window_to_screen(int x, int y, Size screen, Size window) {
    const Rect shown = fit_inside(screen, window);
    if (shown.w == 0 || shown.h == 0) return {-1, -1};
    const auto map = [](int v, int origin, int shown_len, int full_len) {
        return static_cast<int>(std::floor((v - origin) * static_cast<double>(full_len) / shown_len));
    };
    return {map(x, shown.x, shown.w, screen.w), map(y, shown.y, shown.h, screen.h)};
}

}  // namespace hk::ui
