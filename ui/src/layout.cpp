#include "layout.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>
#include <string_view>

#include "layout_metrics.h"

namespace hk::ui {
namespace {

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
// for the text before less. Then, crowded: more columns at the minimum height in the largest room. When
// nothing fits, as many rows as fit in the last, largest option.
// The box a button's label gets inside a button of `column_w` x `button_h`: clear of the number hint on both
// sides, so it stays centred.
Rect label_box(int x, int y, int column_w, int button_h, bool show_hints, const Metrics& m) {
    const int side = std::max(m.button_pad_x, show_hints ? m.hint_w : 0);
    return {x + side, y + m.button_pad_y, std::max(1, column_w - 2 * side),
            std::max(1, button_h - 2 * m.button_pad_y)};
}

// Whether every label of the view fits its button whole (no word broken) at the smallest label size.
bool labels_whole(const ViewModel& view, int columns, int button_h, int content_w, const Metrics& m,
                  const MeasureText& measure) {
    const int column_w = (content_w - (columns - 1) * m.button_gap) / columns;
    const bool show_hints = !view.entry.has_value() && view.buttons.size() > 1;
    const Rect box = label_box(0, 0, column_w, button_h, show_hints, m);
    return std::all_of(view.buttons.begin(), view.buttons.end(), [&](const Button& b) {
        return label_fits_unbroken(b.label, Weight::Bold, box, m.label_min_px, measure);
    });
}

Grid choose_grid(const ViewModel& view, std::initializer_list<std::initializer_list<int>> room_options,
                 bool landscape, int content_w, const Metrics& m, const MeasureText& measure) {
    const std::size_t count = view.buttons.size();
    if (count == 0) return {};
    // Large text gets fewer, wider buttons so labels keep their size.
    int first_columns = landscape ? 2 : 1;
    int max_columns = landscape ? (m.large_text ? 3 : 4) : (m.large_text ? 2 : 3);
    // No column narrower than a touch target.
    const int widest_fitting = std::max(1, (content_w + m.button_gap) / (m.min_target + m.button_gap));
    max_columns = std::min(max_columns, widest_fitting);
    first_columns = std::min(first_columns, max_columns);
    // A keypad screen needs its every key more than it needs wide ones. Crowding is the last resort before a
    // button is left off; large text in portrait never crowds, so its labels keep their width.
    const int crowded_columns = std::min(widest_fitting, landscape ? 7 : (m.large_text ? max_columns : 4));
    // First choice: every label whole. Rows may grow into the room (up to the comfortable height), fewer
    // columns first, so long labels get width and height rather than being cut or broken mid-word.
    for (const auto& group : room_options) {
        for (const int room : group) {
            for (int columns = first_columns; columns <= max_columns; ++columns) {
                const auto c = static_cast<std::size_t>(columns);
                const int rows = static_cast<int>((count + c - 1) / c);
                const int stretched = std::min(m.button_h, (room - (rows - 1) * m.button_gap) / rows);
                if (stretched >= m.button_min_h &&
                    labels_whole(view, columns, stretched, content_w, m, measure))
                    return {columns, rows, stretched, count};
            }
        }
    }
    int largest_room = 0;
    for (const auto& group : room_options) {
        for (const int button_h : {m.button_h, m.button_mid_h, m.button_min_h}) {
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
    for (int columns = max_columns + 1; columns <= crowded_columns; ++columns) {
        const auto c = static_cast<std::size_t>(columns);
        const int rows = static_cast<int>((count + c - 1) / c);
        if (grid_height(rows, m.button_min_h, m.button_gap) <= largest_room)
            return {columns, rows, m.button_min_h, count};
    }
    const int widest = std::max(max_columns, crowded_columns);
    const int rows = std::max(0, (largest_room + m.button_gap) / (m.button_min_h + m.button_gap));
    const auto capacity = static_cast<std::size_t>(rows) * static_cast<std::size_t>(widest);
    return {widest, rows, m.button_min_h, std::min(count, capacity)};
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
    // On an entry screen the number keys type digits, so no button is numbered.
    const bool numbered = !view.entry.has_value();
    const bool show_hints = numbered && enabled_shown > 1;

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
        if (numbered && button.enabled && enabled_rank <= 9) box.key_number = enabled_rank;
        const Rect label_rect = label_box(box.rect.x, box.rect.y, col_w, grid.button_h, show_hints, m);
        const int px =
            label_px(button.label, Weight::Bold, label_rect, m.label_px, m.label_min_px, m, measure);
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

// As many toolbar buttons as fit in one row at the minimum target width, equal widths, centred.
std::vector<ButtonBox> place_toolbar(const ViewModel& view, int top, int content_x, int content_w,
                                     const Metrics& m, const MeasureText& measure) {
    std::vector<ButtonBox> boxes;
    const int gap = m.button_gap;
    const auto fitting = static_cast<std::size_t>(std::max(0, (content_w + gap) / (m.min_target + gap)));
    const std::size_t shown = std::min(view.toolbar.size(), fitting);
    if (shown == 0) return boxes;
    const int n = static_cast<int>(shown);
    const int w = (content_w - (n - 1) * gap) / n;
    const int row_x = content_x + (content_w - (n * w + (n - 1) * gap)) / 2;
    for (std::size_t i = 0; i < shown; ++i) {
        ButtonBox box;
        box.index = i;
        box.rect = {row_x + static_cast<int>(i) * (w + gap), top, w, m.toolbar_h};
        const Rect label_rect{box.rect.x + m.toolbar_pad, box.rect.y + m.toolbar_pad,
                              std::max(1, w - 2 * m.toolbar_pad),
                              std::max(1, m.toolbar_h - 2 * m.toolbar_pad)};
        const std::string& label = view.toolbar[i].label;
        const int px =
            label_px(label, Weight::Regular, label_rect, m.toolbar_px, m.toolbar_min_px, m, measure);
        box.label = {label_rect, px, Weight::Regular, Align::Center};
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
    return lay_out(view, screen, min_target_px(kDefaultPanelDpi), measure);
}

ScreenLayout lay_out(const ViewModel& view, Size screen, int min_target, const MeasureText& measure) {
    const Metrics m = metrics_for(screen, view.presentation.large_text, min_target);
    ScreenLayout layout;
    layout.screen = screen;
    layout.margin = m.margin;
    layout.corner_radius = m.corner;
    layout.stroke = m.stroke;
    layout.min_target = m.min_target;
    layout.focus_ring = m.focus_ring;
    layout.focus_gap = m.focus_gap;
    layout.tone_band = {0, 0, screen.w, m.band_h};

    const int content_x = m.margin;
    const int content_w = std::max(1, screen.w - 2 * m.margin);

    // From the bottom up: footer, toolbar, buttons, entry, countdown, progress or spinner. Their space never
    // depends on text measurement.
    int bottom = screen.h - m.margin;
    if (!view.footer.empty()) {
        const int h = line_height(m.footer_px);
        const int y = screen.h - m.footer_bottom_gap - h;
        layout.footer = TextBox{{content_x, y, content_w, h}, m.footer_px, Weight::Regular, Align::Start};
        bottom = y - m.section_gap;
    }
    if (!view.toolbar.empty() && bottom - m.toolbar_h >= m.title_top) {
        layout.toolbar = place_toolbar(view, bottom - m.toolbar_h, content_x, content_w, m, measure);
        bottom -= m.toolbar_h + m.section_gap;
    }
    layout.hidden_toolbar = view.toolbar.size() - layout.toolbar.size();

    const bool spinning = view.tone == Tone::Busy && !view.progress;
    const int countdown_h = view.countdown_seconds ? line_height(m.countdown_px) : 0;
    const int progress_h = view.progress ? m.progress_h : (spinning ? m.spinner_side : 0);
    const int entry_h = view.entry ? line_height(m.entry_px) + 2 * m.entry_pad : 0;
    // A face the citizen recognises at arm's length, or a QR code a phone reads from there: a fifth of the
    // screen's height, at most 40 % of its width.
    const bool has_picture = (view.photo && view.photo->valid()) || !view.qr.empty();
    // Portrait: under the text, above the buttons. Landscape has width to spare and height to save: beside
    // the text (placed with it, below).
    const bool picture_beside = has_picture && is_landscape(screen);
    const int picture_h = has_picture && !picture_beside ? std::min(screen.h / 5, content_w * 2 / 5) : 0;
    // Buttons are the way on, so they come first: the room kept above them for some body text, then for a
    // second title line, is given up before a button is left off; keeping the body text is worth more
    // columns.
    const int fixed_above = m.title_top + (view.countdown_seconds ? countdown_h + m.section_gap : 0) +
                            (progress_h > 0 ? progress_h + m.section_gap : 0) +
                            (view.entry ? entry_h + m.section_gap : 0) +
                            (picture_h > 0 ? picture_h + m.section_gap : 0);
    const int one_title_line = view.title.empty() ? 0 : line_height(m.title_px) + m.section_gap;
    const int two_title_lines = view.title.empty() ? 0 : 2 * line_height(m.title_px) + m.section_gap;
    const int body_room = view.lines.empty() ? 0 : 3 * line_height(m.body_px) + m.section_gap;
    const int room = bottom - fixed_above;
    const Grid grid = choose_grid(view,
                                  {{room - two_title_lines - body_room, room - one_title_line - body_room},
                                   {room - two_title_lines, room - one_title_line}},
                                  is_landscape(screen), content_w, m, measure);
    layout.buttons = place_buttons(view, grid, bottom, content_x, content_w, m, measure);
    layout.hidden_buttons = view.buttons.size() - grid.shown;

    int cursor = bottom;  // top of the lowest thing placed so far
    if (!layout.buttons.empty()) cursor = layout.buttons.front().rect.y - m.section_gap;
    if (view.entry) {
        cursor -= entry_h;
        const int w = std::min(content_w, m.entry_w);
        const Rect box{content_x + (content_w - w) / 2, cursor, w, entry_h};
        layout.entry_box = box;
        layout.entry_text =
            TextBox{{box.x + m.entry_pad, box.y + m.entry_pad, std::max(1, w - 2 * m.entry_pad),
                     std::max(1, entry_h - 2 * m.entry_pad)},
                    m.entry_px,
                    Weight::Bold,
                    Align::Center};
        cursor -= m.section_gap;
    }
    if (picture_h > 0) {
        // The words come first (the tracking number in digits matters more than its QR code): the picture
        // gets what the title's first line and the body text at full size leave, or nothing when that is too
        // small to be seen or scanned.
        int words = one_title_line;
        for (std::size_t i = 0; i < view.lines.size(); ++i) {
            words +=
                measure(view.lines[i], m.body_px, Weight::Regular, content_w) + (i > 0 ? m.body_px / 2 : 0);
        }
        if (!view.lines.empty()) words += m.section_gap;
        const int side = std::min(picture_h, cursor - m.title_top - words - m.section_gap);
        if (side >= screen.h / 8) {
            cursor -= side;
            layout.picture = Rect{content_x + (content_w - side) / 2, cursor, side, side};
            cursor -= m.section_gap;
        }
    }
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
    } else if (spinning) {
        cursor -= progress_h;
        layout.spinner = Rect{content_x + (content_w - progress_h) / 2, cursor, progress_h, progress_h};
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
    int text_w = content_w;
    if (picture_beside) {
        const int side = std::min({screen.h / 4, content_w / 3, cursor - body_top});
        if (side >= screen.h / 8) {
            layout.picture = Rect{content_x + content_w - side, body_top, side, side};
            text_w = std::max(1, content_w - side - m.section_gap);
        }
    }
    layout.lines = place_lines(view, body_top, cursor, content_x, text_w, m, measure, layout.hidden_lines);
    return layout;
}

HelpLayout lay_out_help(const ViewModel& view, Size screen, const MeasureText& measure) {
    const Metrics m = metrics_for(screen, view.presentation.large_text, 1);
    const int pad = m.section_gap;
    const int panel_w = std::max(1, screen.w - 2 * m.margin);
    const int text_w = std::max(1, panel_w - 2 * pad);
    const int max_text_h = std::max(1, screen.h - 2 * m.margin - 2 * pad);
    const int px = largest_fitting_px(m.body_px, m.body_min_px, m.font_step, [&](int candidate) {
        return measure(view.help, candidate, Weight::Regular, text_w) <= max_text_h;
    });
    const int text_h =
        std::clamp(measure(view.help, px, Weight::Regular, text_w), line_height(px), max_text_h);
    const Rect panel{m.margin, (screen.h - text_h - 2 * pad) / 2, panel_w, text_h + 2 * pad};
    return {panel, {{panel.x + pad, panel.y + pad, text_w, text_h}, px, Weight::Regular, Align::Start}};
}

std::optional<std::size_t> button_at(const ScreenLayout& layout, int x, int y) {
    for (const ButtonBox& box : layout.buttons) {
        if (box.rect.contains(x, y)) return box.index;
    }
    return std::nullopt;
}

std::optional<std::size_t> toolbar_button_at(const ScreenLayout& layout, int x, int y) {
    for (const ButtonBox& box : layout.toolbar) {
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
