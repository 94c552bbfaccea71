// ICAO 9303 field layouts (parts 4-6) as data, class restriction per field type and the check-digit search.
#include "correction.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace hk::scanner::mrz_ocr {

namespace {

constexpr float kDigitPrior = 0.05f;

enum class Kind : std::uint8_t { Letters, Digits, Any, Sex, DigitOrFiller };

struct Span {
    int line = 0, start = 0, length = 0;
};

struct Field {
    const char* name;
    Span span;
    Kind kind;
    std::optional<Span> check;  // one character
};

struct Layout {
    std::vector<Field> fields;
    std::vector<Span> composite;  // what the composite check digit covers; empty for a visa, which has none
    Span composite_check;
};

// TD2, TD3 and the visas share their first line and their second up to the expiry date's check digit; what
// follows differs: TD2 has optional data and the composite check, TD3 a checked personal number and the
// composite check, a visa optional data to the end of the line and no composite (9303-4, -6, -7).
Layout two_line_layout(int width, Field tail, bool composite) {
    Layout l{{{"document_type", {0, 0, 2}, Kind::Letters, {}},
              {"issuing_state", {0, 2, 3}, Kind::Letters, {}},
              {"name", {0, 5, width - 5}, Kind::Letters, {}},
              {"document_number", {1, 0, 9}, Kind::Any, Span{1, 9, 1}},
              {"nationality", {1, 10, 3}, Kind::Letters, {}},
              {"birth_date", {1, 13, 6}, Kind::Digits, Span{1, 19, 1}},
              {"sex", {1, 20, 1}, Kind::Sex, {}},
              {"expiry_date", {1, 21, 6}, Kind::Digits, Span{1, 27, 1}},
              tail},
             {},
             {}};
    if (composite) {
        l.composite = {{1, 0, 10}, {1, 13, 7}, {1, 21, width - 22}};
        l.composite_check = {1, width - 1, 1};
    }
    return l;
}

Layout layout(MrzFormat format) {
    switch (format) {
        case MrzFormat::TD1:
            return {{{"document_type", {0, 0, 2}, Kind::Letters, {}},
                     {"issuing_state", {0, 2, 3}, Kind::Letters, {}},
                     {"document_number", {0, 5, 9}, Kind::Any, Span{0, 14, 1}},
                     {"optional_data", {0, 15, 15}, Kind::Any, {}},
                     {"birth_date", {1, 0, 6}, Kind::Digits, Span{1, 6, 1}},
                     {"sex", {1, 7, 1}, Kind::Sex, {}},
                     {"expiry_date", {1, 8, 6}, Kind::Digits, Span{1, 14, 1}},
                     {"nationality", {1, 15, 3}, Kind::Letters, {}},
                     {"optional_data_2", {1, 18, 11}, Kind::Any, {}},
                     {"name", {2, 0, 30}, Kind::Letters, {}}},
                    {{0, 5, 25}, {1, 0, 7}, {1, 8, 7}, {1, 18, 11}},
                    {1, 29, 1}};
        case MrzFormat::TD2:
            return two_line_layout(36, {"optional_data", {1, 28, 7}, Kind::Any, {}}, true);
        case MrzFormat::MRVA:
            return two_line_layout(44, {"optional_data", {1, 28, 16}, Kind::Any, {}}, false);
        case MrzFormat::MRVB:
            return two_line_layout(36, {"optional_data", {1, 28, 8}, Kind::Any, {}}, false);
        case MrzFormat::TD3:
            break;
    }
    return two_line_layout(44, {"personal_number", {1, 28, 14}, Kind::Any, Span{1, 42, 1}}, true);
}

bool allowed(Kind kind, char c) {
    const bool digit = c >= '0' && c <= '9';
    switch (kind) {
        case Kind::Letters:
            return !digit;
        case Kind::Digits:
            return digit;
        case Kind::Any:
            return true;
        case Kind::Sex:
            return c == 'M' || c == 'F' || c == 'X' || c == '<';
        case Kind::DigitOrFiller:
            return digit || c == '<';
    }
    return true;
}

// One position: its allowed classes, best first.
struct Position {
    std::vector<std::pair<float, char>> ranked;
    int chosen = 0;  // index into ranked
    [[nodiscard]] char character() const { return ranked[static_cast<std::size_t>(chosen)].second; }
    [[nodiscard]] float loss(int k) const {
        return ranked[0].first - ranked[static_cast<std::size_t>(k)].first;
    }
    [[nodiscard]] float margin() const {
        return ranked.size() > 1 ? ranked[0].first - ranked[1].first : 1.0f;
    }
};

using Grid = std::vector<std::vector<Position>>;

char at(const Grid& grid, int line, int pos) {
    return grid[static_cast<std::size_t>(line)][static_cast<std::size_t>(pos)].character();
}

std::string text(const Grid& grid, const std::vector<Span>& spans) {
    std::string out;
    for (const Span& s : spans) {
        for (int i = 0; i < s.length; ++i) out.push_back(at(grid, s.line, s.start + i));
    }
    return out;
}

bool check_holds(const Grid& grid, const std::vector<Span>& spans, Span check) {
    const char c = at(grid, check.line, check.start);
    const int expected = mrz_check_digit(text(grid, spans));
    return expected >= 0 && c == static_cast<char>('0' + expected);
}

// An empty personal number may carry '<' as its check digit.
bool empty_unchecked(const Grid& grid, const Field& f) {
    const std::string value = text(grid, {f.span, *f.check});
    return value.find_first_not_of('<') == std::string::npos;
}

struct Change {
    int line, pos, k;
    float loss;
};

// Tries up to `max_changes` alternatives among `positions` (each within kMaxLoss of its best), cheapest total
// loss first; applies the cheapest set that makes the check hold. The bound keeps it a few thousand tries.
bool repair(Grid& grid, const std::vector<std::pair<int, int>>& positions, const std::vector<Span>& spans,
            Span check, int max_changes) {
    constexpr float kMaxLoss = 0.45f;
    constexpr int kAlternatives = 3;
    std::vector<Change> options;
    for (auto [line, pos] : positions) {
        const Position& p = grid[static_cast<std::size_t>(line)][static_cast<std::size_t>(pos)];
        for (int k = 1; k < std::min<int>(kAlternatives + 1, static_cast<int>(p.ranked.size())); ++k) {
            if (p.loss(k) <= kMaxLoss) options.push_back({line, pos, k, p.loss(k)});
        }
    }
    std::sort(options.begin(), options.end(), [](auto& a, auto& b) { return a.loss < b.loss; });
    constexpr float kMaxTotalLoss = 0.6f;
    float best_loss = kMaxTotalLoss;
    std::vector<Change> best;
    std::vector<Change> current;
    auto apply = [&](const std::vector<Change>& changes, bool on) {
        for (const Change& c : changes)
            grid[static_cast<std::size_t>(c.line)][static_cast<std::size_t>(c.pos)].chosen = on ? c.k : 0;
    };
    auto search = [&](auto& self, std::size_t from, float loss) -> void {
        if (!current.empty()) {
            apply(current, true);
            if (check_holds(grid, spans, check) && loss < best_loss) {
                best_loss = loss;
                best = current;
            }
            apply(current, false);
        }
        if (static_cast<int>(current.size()) == max_changes) return;
        for (std::size_t i = from; i < options.size(); ++i) {
            if (loss + options[i].loss >= best_loss) break;  // sorted: nothing cheaper follows
            const bool same_position = std::any_of(current.begin(), current.end(), [&](const Change& c) {
                return c.line == options[i].line && c.pos == options[i].pos;
            });
            if (same_position) continue;
            current.push_back(options[i]);
            self(self, i + 1, loss + options[i].loss);
            current.pop_back();
        }
    };
    search(search, 0, 0.0f);
    if (best.empty()) return false;
    apply(best, true);
    return true;
}

std::vector<std::pair<int, int>> positions_of(const std::vector<Span>& spans) {
    std::vector<std::pair<int, int>> out;
    for (const Span& s : spans) {
        for (int i = 0; i < s.length; ++i) out.emplace_back(s.line, s.start + i);
    }
    return out;
}

double margin_confidence(const Grid& grid, const std::vector<Span>& spans) {
    float margin = 1.0f;
    for (auto [line, pos] : positions_of(spans)) {
        margin =
            std::min(margin, grid[static_cast<std::size_t>(line)][static_cast<std::size_t>(pos)].margin());
    }
    // A margin of 0.15 in correlation is a clear win between two glyph models.
    return std::clamp(static_cast<double>(margin) / 0.15, 0.0, 1.0);
}

// The composite check digit, repaired first where no other check digit vouches for the characters.
MrzFieldConfidence composite_confidence(Grid& grid, const Layout& l, const std::vector<Span>& verified) {
    MrzFieldConfidence composite;
    composite.field = "composite";
    composite.checked = true;
    composite.check_ok = check_holds(grid, l.composite, l.composite_check);
    if (!composite.check_ok) {
        // First only what no other check digit vouches for, then anything, with fewer changes.
        std::vector<std::pair<int, int>> free_positions;
        for (auto p : positions_of(l.composite)) {
            const bool covered = std::any_of(verified.begin(), verified.end(), [&](const Span& s) {
                return s.line == p.first && p.second >= s.start && p.second < s.start + s.length;
            });
            if (!covered) free_positions.push_back(p);
        }
        free_positions.emplace_back(l.composite_check.line, l.composite_check.start);
        composite.check_ok = repair(grid, free_positions, l.composite, l.composite_check, 2);
        composite.corrected = composite.check_ok;
    }
    const double composite_margin = margin_confidence(grid, {l.composite_check});
    composite.confidence = !composite.check_ok   ? 0.5 * composite_margin
                           : composite.corrected ? 0.6 + 0.3 * composite_margin
                                                 : 0.9 + 0.1 * composite_margin;
    return composite;
}

}  // namespace

int format_lines(MrzFormat format) {
    return format == MrzFormat::TD1 ? 3 : 2;
}

int format_length(MrzFormat format) {
    switch (format) {
        case MrzFormat::TD1:
            return 30;
        case MrzFormat::TD2:
        case MrzFormat::MRVB:
            return 36;
        case MrzFormat::TD3:
        case MrzFormat::MRVA:
            return 44;
    }
    return 44;
}

Decoded decode(MrzFormat format, const std::vector<std::vector<Scores>>& cells) {
    const Layout l = layout(format);
    std::vector<std::vector<Kind>> kinds(cells.size());
    for (std::size_t line = 0; line < cells.size(); ++line) kinds[line].assign(cells[line].size(), Kind::Any);
    for (const Field& f : l.fields) {
        for (int i = 0; i < f.span.length; ++i) kinds[f.span.line][f.span.start + i] = f.kind;
        if (f.check) {
            kinds[f.check->line][f.check->start] =
                std::string_view{f.name} == "personal_number" ? Kind::DigitOrFiller : Kind::Digits;
        }
    }
    if (!l.composite.empty()) kinds[l.composite_check.line][l.composite_check.start] = Kind::Digits;

    Grid grid(cells.size());
    for (std::size_t line = 0; line < cells.size(); ++line) {
        for (std::size_t pos = 0; pos < cells[line].size(); ++pos) {
            Position p;
            for (int c = 0; c < kClasses; ++c) {
                const char ch = kAlphabet[static_cast<std::size_t>(c)];
                if (!allowed(kinds[line][pos], ch)) continue;
                float score = cells[line][pos][c];
                // Mixed fields (document numbers, optional data) are mostly digits, and issuers avoid the
                // letters that look like them; and a double O/0 error can keep a 7-3-1 check digit valid.
                if (kinds[line][pos] == Kind::Any && ch >= '0' && ch <= '9') score += kDigitPrior;
                p.ranked.emplace_back(score, ch);
            }
            std::sort(p.ranked.begin(), p.ranked.end(), [](auto& a, auto& b) { return a.first > b.first; });
            grid[line].push_back(p);
        }
    }

    Decoded out;
    std::vector<Span> verified;
    for (const Field& f : l.fields) {
        MrzFieldConfidence fc;
        fc.field = f.name;
        const double margin = margin_confidence(grid, {f.span});
        if (!f.check) {
            fc.confidence = margin;
            out.fields.push_back(fc);
            continue;
        }
        fc.checked = true;
        if (std::string_view{f.name} == "personal_number" && empty_unchecked(grid, f)) {
            fc.check_ok = true;
        } else {
            fc.check_ok = check_holds(grid, {f.span}, *f.check);
            if (!fc.check_ok) {
                fc.check_ok = repair(grid, positions_of({f.span, *f.check}), {f.span}, *f.check, 4);
                fc.corrected = fc.check_ok;
            }
        }
        if (fc.check_ok) {
            verified.push_back(f.span);
            verified.push_back(*f.check);
        }
        // A holding check digit is strong evidence (a random error passes one time in ten).
        fc.confidence = !fc.check_ok ? 0.5 * margin : fc.corrected ? 0.6 + 0.3 * margin : 0.9 + 0.1 * margin;
        out.fields.push_back(fc);
    }

    if (!l.composite.empty()) out.fields.push_back(composite_confidence(grid, l, verified));
    for (const auto& line : grid) {
        std::string s;
        for (const Position& p : line) {
            s.push_back(p.character());
            out.score += p.ranked[static_cast<std::size_t>(p.chosen)].first;
        }
        out.lines.push_back(s);
    }
    return out;
}

}  // namespace hk::scanner::mrz_ocr
