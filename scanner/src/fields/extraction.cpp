#include "scanner/fields/extraction.h"

#include <algorithm>
#include <climits>

#include "page_text.h"
#include "scanner/fields/values.h"
#include "value_judgement.h"

namespace hk::scanner::fields {

namespace {

using detail::PageLine;
using detail::PreparedPage;

// A label of some field of the template, found in a line.
struct LabelHit {
    std::size_t field = 0;
    std::size_t variant = 0;
    detail::LabelMatch match;
};

// Every label of every field, found in every line: the labels a value must stop at, and the candidates for
// each field. A hit inside a longer hit of another field (住址 inside 其他住址 when both are labels) is
// dropped.
std::vector<std::vector<LabelHit>> find_all_labels(const PreparedPage& page,
                                                   const DocumentTemplate& document) {
    std::vector<std::vector<std::u32string>> folded(document.fields.size());
    for (std::size_t f = 0; f < document.fields.size(); ++f) {
        for (const std::string& label : document.fields[f].labels)
            folded[f].push_back(detail::fold_label(label));
    }
    std::vector<std::vector<LabelHit>> hits(page.lines.size());
    for (std::size_t l = 0; l < page.lines.size(); ++l) {
        std::vector<LabelHit> all;
        for (std::size_t f = 0; f < folded.size(); ++f) {
            for (std::size_t v = 0; v < folded[f].size(); ++v) {
                for (const auto& match : detail::find_label(page.lines[l], folded[f][v], true)) {
                    all.push_back({f, v, match});
                }
            }
        }
        for (const LabelHit& hit : all) {
            const bool inside_longer = std::any_of(all.begin(), all.end(), [&](const LabelHit& other) {
                return other.field != hit.field && other.match.begin <= hit.match.begin &&
                       other.match.end >= hit.match.end &&
                       other.match.end - other.match.begin > hit.match.end - hit.match.begin;
            });
            if (!inside_longer) hits[l].push_back(hit);
        }
        std::sort(hits[l].begin(), hits[l].end(), [](const LabelHit& a, const LabelHit& b) {
            return a.match.begin != b.match.begin ? a.match.begin < b.match.begin : a.variant < b.variant;
        });
    }
    return hits;
}

bool centre_in_region(const PixelBox& box, const PreparedPage& page, const PageRegion& region) {
    const double cx = (box.x + std::max(box.width, 0) / 2.0) / page.width;
    const double cy = (box.y + std::max(box.height, 0) / 2.0) / page.height;
    return cx >= region.left && cx <= region.right && cy >= region.top && cy <= region.bottom;
}

struct LabelPlace {
    std::size_t line = 0;
    detail::LabelMatch match;
};

// The `occurrence`-th place the field's label is printed, in reading order. The first variant that occurs
// often enough wins (so 何时由何地迁来本址 beats 登记日期 when both are printed); otherwise all variants
// together count.
std::optional<LabelPlace> locate_label(const std::vector<std::vector<LabelHit>>& hits,
                                       const PreparedPage& page, const FieldSpec& spec, std::size_t field) {
    std::vector<std::vector<LabelPlace>> by_variant(spec.labels.size());
    std::vector<LabelPlace> any;
    for (std::size_t l = 0; l < hits.size(); ++l) {
        if (spec.region && !centre_in_region(page.lines[l].box, page, *spec.region)) continue;
        for (const LabelHit& hit : hits[l]) {
            if (hit.field != field) continue;
            by_variant[hit.variant].push_back({l, hit.match});
            const bool overlaps =
                !any.empty() && any.back().line == l && any.back().match.end > hit.match.begin;
            if (!overlaps) any.push_back({l, hit.match});
        }
    }
    const auto n = static_cast<std::size_t>(spec.occurrence);
    for (const auto& places : by_variant) {
        if (places.size() >= n) return places[n - 1];
    }
    if (any.size() >= n) return any[n - 1];
    return std::nullopt;
}

struct RawValue {
    std::string text;
    float confidence = 0.0F;  // 0..100
};

// Skips the colon after a label and a bracketed qualifier such as 甲方（用人单位）：.
std::size_t skip_label_tail(const PageLine& line, std::size_t i, std::size_t end) {
    for (int round = 0; round < 3; ++round) {
        while (i < end && detail::is_leading_noise(line.chars[i].shown)) ++i;
        if (i < end &&
            (line.chars[i].shown == U'(' || line.chars[i].shown == U'（' || line.chars[i].shown == U'[')) {
            std::size_t j = i + 1;
            while (j < end && j < i + 16 && line.chars[j].shown != U')' && line.chars[j].shown != U'）' &&
                   line.chars[j].shown != U']') {
                ++j;
            }
            if (j < end && j < i + 16) i = j + 1;
        }
    }
    return i;
}

std::size_t next_label_start(const std::vector<LabelHit>& hits, std::size_t from, std::size_t fallback) {
    for (const LabelHit& hit : hits) {
        if (hit.match.begin >= from) return hit.match.begin;
    }
    return fallback;
}

std::optional<RawValue> value_after(const PreparedPage& page, const std::vector<std::vector<LabelHit>>& hits,
                                    const LabelPlace& place) {
    const PageLine& line = page.lines[place.line];
    const std::size_t start = skip_label_tail(line, place.match.end, line.chars.size());
    const std::size_t stop = next_label_start(hits[place.line], start, line.chars.size());
    if (start >= stop) return std::nullopt;
    return RawValue{detail::line_text(line, start, stop), detail::mean_confidence(line, start, stop)};
}

std::optional<RawValue> value_below(const PreparedPage& page, const std::vector<std::vector<LabelHit>>& hits,
                                    const LabelPlace& place) {
    const PageLine& label_line = page.lines[place.line];
    const int height = std::max(label_line.box.height, 1);
    const int left = label_line.chars[place.match.begin].x0 - height;
    const std::size_t next_label =
        next_label_start(hits[place.line], place.match.end, label_line.chars.size());
    const int right = next_label < label_line.chars.size() ? label_line.chars[next_label].x0 : INT_MAX;
    const auto under_label = [&](const detail::PageChar& c) {
        const int centre = c.x0 + (c.x1 - c.x0) / 2;
        return centre >= left && centre < right;
    };

    std::optional<std::size_t> best;
    for (std::size_t l = 0; l < page.lines.size(); ++l) {
        const PageLine& line = page.lines[l];
        if (l == place.line || line.box.y < label_line.box.y + height / 2) continue;
        if (line.box.y > label_line.box.y + label_line.box.height + 3 * height) continue;
        if (std::none_of(line.chars.begin(), line.chars.end(), under_label)) continue;
        if (!best || line.box.y < page.lines[*best].box.y) best = l;
    }
    if (!best) return std::nullopt;
    const PageLine& line = page.lines[*best];
    std::size_t begin = 0;
    while (begin < line.chars.size() && !under_label(line.chars[begin])) ++begin;
    std::size_t end = begin;
    while (end < line.chars.size() && under_label(line.chars[end])) ++end;
    end = next_label_start(hits[*best], begin, end);
    end = std::min(end, line.chars.size());
    begin = skip_label_tail(line, begin, end);
    if (begin >= end) return std::nullopt;
    return RawValue{detail::line_text(line, begin, end), detail::mean_confidence(line, begin, end)};
}

std::optional<RawValue> value_in_region(const PreparedPage& page,
                                        const std::vector<std::vector<LabelHit>>& hits, const FieldSpec& spec,
                                        std::size_t field) {
    RawValue value;
    double confidence_sum = 0.0;
    std::size_t counted = 0;
    for (std::size_t l = 0; l < page.lines.size(); ++l) {
        const PageLine& line = page.lines[l];
        if (!centre_in_region(line.box, page, *spec.region)) continue;
        std::size_t begin = 0;
        for (const LabelHit& hit : hits[l]) {
            if (hit.field == field && hit.match.begin <= begin + 1) begin = std::max(begin, hit.match.end);
        }
        begin = skip_label_tail(line, begin, line.chars.size());
        if (begin >= line.chars.size()) continue;
        value.text += detail::line_text(line, begin, line.chars.size());
        confidence_sum += detail::mean_confidence(line, begin, line.chars.size()) *
                          static_cast<double>(line.chars.size() - begin);
        counted += line.chars.size() - begin;
    }
    if (counted == 0) return std::nullopt;
    value.confidence = static_cast<float>(confidence_sum / static_cast<double>(counted));
    return value;
}

std::optional<RawValue> find_value(const PreparedPage& page, const std::vector<std::vector<LabelHit>>& hits,
                                   const FieldSpec& spec, std::size_t field) {
    if (spec.place == ValuePlace::Region) return value_in_region(page, hits, spec, field);
    const auto place = locate_label(hits, page, spec, field);
    if (!place) return std::nullopt;
    if (spec.place == ValuePlace::After) return value_after(page, hits, *place);
    if (spec.place == ValuePlace::Below) return value_below(page, hits, *place);
    if (auto after = value_after(page, hits, *place)) return after;
    return value_below(page, hits, *place);
}

// Intermediate copies of a value are personal data too: overwrite them before they are freed.
template <typename Text>
void scrub(Text& text) {
    drivers::wipe_bytes(text.data(), text.size() * sizeof(typename Text::value_type));
    text.clear();
}

// The birth date a date field read, as YYYYMMDD for comparing with the identity number, if it read one.
std::string compact_date(const ExtractedField& field) {
    if (field.status != FieldStatus::Ok && field.status != FieldStatus::Doubtful) return "";
    std::string text(field.value.reveal());
    std::erase(text, '-');
    return text.size() == 8 ? text : "";
}

void settle(ExtractedField& field, detail::Judgement judgement, const ExtractOptions& options) {
    field.value = drivers::PersonalString(judgement.value);
    drivers::wipe_bytes(judgement.value.data(), judgement.value.size());
    field.confidence = std::clamp(judgement.confidence, 0.0, 1.0);
    field.status = judgement.status;
    field.reason = std::move(judgement.reason);
    if (field.status == FieldStatus::Ok && field.confidence < options.doubtful_below) {
        field.status = FieldStatus::Doubtful;
        if (field.reason.empty()) field.reason = "low OCR confidence";
    }
}

}  // namespace

std::string_view to_string(FieldStatus status) {
    switch (status) {
        case FieldStatus::Ok:
            return "ok";
        case FieldStatus::Doubtful:
            return "doubtful";
        case FieldStatus::Missing:
            return "missing";
        case FieldStatus::Invalid:
            return "invalid";
    }
    return "unknown";
}

const ExtractedField* ExtractedDocument::field(std::string_view id) const {
    for (const ExtractedField& f : fields) {
        if (f.id == id) return &f;
    }
    return nullptr;
}

void ExtractedDocument::wipe() noexcept {
    for (ExtractedField& f : fields) {
        f.value.wipe();
        drivers::wipe_bytes(f.reason.data(), f.reason.size());
        f.reason.clear();
        f.confidence = 0.0;
        f.status = FieldStatus::Missing;
    }
}

std::optional<Identification> identify(const OcrPage& page, std::span<const DocumentTemplate> templates,
                                       double min_score) {
    PreparedPage prepared = detail::prepare_page(page);
    std::optional<Identification> best;
    for (const DocumentTemplate& document : templates) {
        double marker = 0.0;
        for (const std::string& text : document.markers) {
            const std::u32string folded = detail::fold_label(text);
            for (const PageLine& line : prepared.lines) {
                for (const auto& match : detail::find_label(line, folded, true)) {
                    marker = std::max(marker, match.edits == 0 ? 1.0 : 0.8);
                }
            }
        }
        const auto hits = find_all_labels(prepared, document);
        std::vector<bool> seen(document.fields.size(), false);
        for (const auto& line_hits : hits) {
            for (const LabelHit& hit : line_hits) seen[hit.field] = true;
        }
        std::size_t labelled = 0;
        std::size_t found = 0;
        for (std::size_t f = 0; f < document.fields.size(); ++f) {
            if (document.fields[f].labels.empty()) continue;
            ++labelled;
            if (seen[f]) ++found;
        }
        const double label_share =
            labelled == 0 ? 0.0 : static_cast<double>(found) / static_cast<double>(labelled);
        const double score = 0.6 * marker + 0.4 * label_share;
        if (score >= min_score && (!best || score > best->score)) best = Identification{&document, score};
    }
    detail::scrub(prepared);
    return best;
}

ExtractedDocument extract(const OcrPage& page, const DocumentTemplate& document,
                          const ExtractOptions& options) {
    PreparedPage prepared = detail::prepare_page(page);
    const auto hits = find_all_labels(prepared, document);

    ExtractedDocument out;
    out.type = document.type;
    std::vector<std::optional<RawValue>> raw(document.fields.size());
    for (std::size_t f = 0; f < document.fields.size(); ++f) {
        const FieldSpec& spec = document.fields[f];
        ExtractedField field;
        field.id = spec.id;
        raw[f] = find_value(prepared, hits, spec, f);
        if (raw[f]) {
            std::u32string text = detail::cleaned_value(detail::decode_utf8(raw[f]->text));
            if (text.empty()) raw[f].reset();
            scrub(text);
        }
        if (!raw[f])
            field.reason = spec.required ? "not found on the page" : "not found on the page (optional)";
        out.fields.push_back(std::move(field));
    }

    // Identity numbers last: a birth date read elsewhere narrows the repairs of a number that fails its
    // check.
    for (const bool id_pass : {false, true}) {
        for (std::size_t f = 0; f < document.fields.size(); ++f) {
            const FieldSpec& spec = document.fields[f];
            if ((spec.kind == ValueKind::IdNumber) != id_pass || !raw[f]) continue;
            std::u32string text = detail::cleaned_value(detail::decode_utf8(raw[f]->text));
            const double ocr = raw[f]->confidence / 100.0;
            std::string utf8 = detail::encode_utf8(text);
            std::string hint;  // for an identity number: the birth date printed beside it
            for (std::size_t d = 0; d < document.fields.size(); ++d) {
                if (document.fields[d].birth_date_of == spec.id) hint = compact_date(out.fields[d]);
            }
            detail::Judgement judgement = detail::judge(spec, text, ocr, hint, options.today);
            // What could not be validated is still offered as read, for the citizen to correct rather than
            // retype.
            if (judgement.status == FieldStatus::Invalid && judgement.value.empty()) {
                judgement.value = spec.kind == ValueKind::IdNumber ? clean_id_number(utf8) : utf8;
            }
            settle(out.fields[f], std::move(judgement), options);
            scrub(text);
            scrub(utf8);
        }
    }
    for (auto& value : raw) {
        if (value) scrub(value->text);
    }
    detail::scrub(prepared);

    // A birth date printed separately must agree with the one inside the identity number. A number that
    // passed its check character is the better witness, so the separately read date is the one put in doubt.
    for (std::size_t f = 0; f < document.fields.size(); ++f) {
        const FieldSpec& spec = document.fields[f];
        if (spec.birth_date_of.empty()) continue;
        const ExtractedField* id_field = out.field(spec.birth_date_of);
        ExtractedField& date_field = out.fields[f];
        const std::string date = compact_date(date_field);
        if (id_field == nullptr || date.empty() || id_field->value.size() != 18 ||
            (id_field->status != FieldStatus::Ok && id_field->status != FieldStatus::Doubtful)) {
            continue;
        }
        if (id_field->value.reveal().substr(6, 8) != date) {
            date_field.status = FieldStatus::Doubtful;
            date_field.confidence = std::min(date_field.confidence, 0.5);
            date_field.reason = "does not match the birth date inside the identity number";
        }
    }
    return out;
}

}  // namespace hk::scanner::fields
