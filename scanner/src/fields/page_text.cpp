#include "page_text.h"

#include <algorithm>
#include <cmath>

#include "drivers/personal_string.h"
#include "drivers/utf8.h"

namespace hk::scanner::fields::detail {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

float clamp_confidence(float value) {
    if (!std::isfinite(value)) return 0.0F;
    return std::clamp(value, 0.0F, 100.0F);
}

char32_t fold(char32_t c) {
    c = narrow(c);
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    return c;
}

// No page is a million pixels across; keeping boxes within that keeps all box arithmetic far from overflow,
// whatever an engine (or a hostile file) reports.
constexpr int kMaxCoordinate = 1'000'000;

PixelBox sane(const PixelBox& box) {
    return {std::clamp(box.x, -kMaxCoordinate, kMaxCoordinate),
            std::clamp(box.y, -kMaxCoordinate, kMaxCoordinate), std::clamp(box.width, 0, kMaxCoordinate),
            std::clamp(box.height, 0, kMaxCoordinate)};
}

// Spreads `count` characters evenly over a box's width.
void place_evenly(std::vector<PageChar>& chars, std::size_t first, const PixelBox& box) {
    const std::size_t count = chars.size() - first;
    if (count == 0) return;
    const double step = static_cast<double>(std::max(box.width, 0)) / static_cast<double>(count);
    for (std::size_t i = 0; i < count; ++i) {
        chars[first + i].x0 = box.x + static_cast<int>(step * static_cast<double>(i));
        chars[first + i].x1 = box.x + static_cast<int>(step * static_cast<double>(i + 1));
    }
}

// Appends the non-space characters of `text`, noting which had a space before them.
void append_chars(std::vector<PageChar>& chars, std::u32string_view text, float confidence,
                  bool space_first) {
    bool space = space_first;
    for (char32_t c : text) {
        if (chars.size() >= kMaxLineChars) return;
        if (is_space(c) || narrow(c) == U' ') {
            space = true;
            continue;
        }
        PageChar pc;
        pc.shown = narrow(c);
        pc.folded = fold(c);
        pc.space_before = space && !chars.empty();
        pc.confidence = confidence;
        chars.push_back(pc);
        space = false;
    }
}

PageLine prepare_line(const OcrLine& line) {
    PageLine out;
    out.box = sane(line.box);
    out.confidence = clamp_confidence(line.confidence);

    std::vector<PageChar> from_text;
    append_chars(from_text, decode_utf8(line.text), out.confidence, false);
    place_evenly(from_text, 0, out.box);

    // Words give better positions and per-word confidences; use them when they spell the same text.
    std::vector<PageChar> from_words;
    for (const OcrWord& word : line.words) {
        const std::size_t first = from_words.size();
        append_chars(from_words, decode_utf8(word.text), clamp_confidence(word.confidence), true);
        place_evenly(from_words, first, sane(word.box));
    }
    const bool words_agree =
        !from_words.empty() && from_words.size() == from_text.size() &&
        std::equal(from_words.begin(), from_words.end(), from_text.begin(),
                   [](const PageChar& a, const PageChar& b) { return a.folded == b.folded; });
    if (words_agree) {
        for (std::size_t i = 0; i < from_words.size(); ++i)
            from_words[i].space_before = from_text[i].space_before;
        out.chars = std::move(from_words);
    } else if (from_text.empty() && !from_words.empty()) {
        out.chars = std::move(from_words);
    } else {
        out.chars = std::move(from_text);
    }
    return out;
}

bool within_one_edit(std::u32string_view a, std::u32string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (a.size() == b.size())
        return a.substr(i + (i < a.size() ? 1 : 0)) == b.substr(i + (i < b.size() ? 1 : 0));
    return a.substr(i) == b.substr(i + 1);
}

bool has_ascii_letter(const std::u32string& text) {
    return std::any_of(text.begin(), text.end(), [](char32_t c) { return c >= U'a' && c <= U'z'; });
}

}  // namespace

std::u32string decode_utf8(std::string_view text, std::vector<std::size_t>* offsets) {
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (offsets != nullptr) offsets->push_back(i);
        const auto lead = static_cast<unsigned char>(text[i]);
        int length = 0;
        char32_t c = 0;
        char32_t minimum = 0;
        if (lead < 0x80) {
            out.push_back(lead);
            ++i;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2, c = lead & 0x1F, minimum = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3, c = lead & 0x0F, minimum = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4, c = lead & 0x07, minimum = 0x10000;
        } else {
            out.push_back(kReplacement);
            ++i;
            continue;
        }
        bool ok = i + static_cast<std::size_t>(length) <= text.size();
        for (int k = 1; ok && k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((next & 0xC0) != 0x80) {
                ok = false;
            } else {
                c = (c << 6) | (next & 0x3F);
            }
        }
        if (!ok || c < minimum || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
            out.push_back(kReplacement);
            ++i;  // resynchronise on the next byte
            continue;
        }
        out.push_back(c);
        i += static_cast<std::size_t>(length);
    }
    if (offsets != nullptr) offsets->push_back(text.size());
    return out;
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (const char32_t c : text) drivers::append_utf8(out, c);
    return out;
}

bool is_cjk(char32_t c) {
    return (c >= 0x3000 && c <= 0x303F) ||  // CJK symbols and punctuation
           (c >= 0x3400 && c <= 0x4DBF) ||  // extension A
           (c >= 0x4E00 && c <= 0x9FFF) ||  // unified ideographs
           (c >= 0xF900 && c <= 0xFAFF) ||  // compatibility ideographs
           (c >= 0xFF00 && c <= 0xFFEF) ||  // full-width forms
           (c >= 0x20000 && c <= 0x3134F);  // extensions B-G
}

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f' || c == 0x00A0 ||
           c == 0x3000 || (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF;
}

char32_t narrow(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
    if (c == 0x3000) return U' ';
    return c;
}

PreparedPage prepare_page(const OcrPage& page) {
    PreparedPage out;
    int right = 1;
    int bottom = 1;
    for (const OcrLine& line : page.lines) {
        out.lines.push_back(prepare_line(line));
        const PixelBox& box = out.lines.back().box;
        right = std::max(right, box.x + box.width);
        bottom = std::max(bottom, box.y + box.height);
    }
    out.width = page.width > 0 ? std::min(page.width, 2 * kMaxCoordinate) : right;
    out.height = page.height > 0 ? std::min(page.height, 2 * kMaxCoordinate) : bottom;
    return out;
}

void scrub(PreparedPage& page) noexcept {
    for (PageLine& line : page.lines) {
        drivers::wipe_bytes(line.chars.data(), line.chars.size() * sizeof(PageChar));
        line.chars.clear();
    }
}

std::u32string fold_label(std::string_view label) {
    std::u32string out;
    for (char32_t c : decode_utf8(label)) {
        if (is_space(c) || narrow(c) == U' ') continue;
        out.push_back(fold(c));
    }
    return out;
}

std::vector<LabelMatch> find_label(const PageLine& line, const std::u32string& label, bool fuzzy,
                                   std::size_t from) {
    std::vector<LabelMatch> matches;
    const std::size_t n = line.chars.size();
    const std::size_t length = label.size();
    if (length == 0 || from >= n) return matches;
    std::u32string text;
    text.reserve(n);
    for (const PageChar& c : line.chars) text.push_back(c.folded);
    const std::u32string_view view(text);

    std::vector<bool> taken(n, false);
    for (std::size_t i = from; i + length <= n; ++i) {
        if (view.substr(i, length) == label) {
            matches.push_back({i, i + length, 0});
            std::fill(taken.begin() + static_cast<std::ptrdiff_t>(i),
                      taken.begin() + static_cast<std::ptrdiff_t>(i + length), true);
            i += length - 1;
        }
    }
    const std::size_t fuzzy_minimum = has_ascii_letter(label) ? 5 : 3;
    if (fuzzy && length >= fuzzy_minimum) {
        const auto free = [&](std::size_t b, std::size_t e) {
            return std::none_of(taken.begin() + static_cast<std::ptrdiff_t>(b),
                                taken.begin() + static_cast<std::ptrdiff_t>(e), [](bool t) { return t; });
        };
        for (std::size_t i = from; i < n; ++i) {
            // A same-length window (one substitution), a shorter one (one character lost) and a longer one
            // whose ends agree with the label (one character inserted inside it).
            for (const std::size_t w : {length, length - 1, length + 1}) {
                if (i + w > n || !free(i, i + w)) continue;
                const std::u32string_view window = view.substr(i, w);
                if (w == length + 1 && (window.front() != label.front() || window.back() != label.back())) {
                    continue;
                }
                if (within_one_edit(window, label)) {
                    matches.push_back({i, i + w, 1});
                    std::fill(taken.begin() + static_cast<std::ptrdiff_t>(i),
                              taken.begin() + static_cast<std::ptrdiff_t>(i + w), true);
                    i += w - 1;
                    break;
                }
            }
        }
        std::sort(matches.begin(), matches.end(),
                  [](const LabelMatch& a, const LabelMatch& b) { return a.begin < b.begin; });
    }
    return matches;
}

std::string line_text(const PageLine& line, std::size_t begin, std::size_t end) {
    end = std::min(end, line.chars.size());
    std::u32string out;
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin && line.chars[i].space_before) out.push_back(U' ');
        out.push_back(line.chars[i].shown);
    }
    return encode_utf8(out);
}

float mean_confidence(const PageLine& line, std::size_t begin, std::size_t end) {
    end = std::min(end, line.chars.size());
    if (begin >= end) return line.confidence;
    double sum = 0.0;
    for (std::size_t i = begin; i < end; ++i) sum += line.chars[i].confidence;
    return static_cast<float>(sum / static_cast<double>(end - begin));
}

}  // namespace hk::scanner::fields::detail
