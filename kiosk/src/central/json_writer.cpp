#include "json_writer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

#include "base64.h"
#include "wiping_buffer.h"

namespace hk::kiosk::central {

namespace {

// Length of the valid UTF-8 sequence starting at text[at], or 0 when the bytes there are not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF included).
std::size_t utf8_sequence(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (at + length > text.size()) return 0;
    if (byte(at + 1) < low || byte(at + 1) > high) return 0;
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
    }
    return length;
}

}  // namespace

void JsonWriter::raw(std::string_view text) {
    append_wiping(out_, text);
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (container_empty_.empty()) return;
    if (!container_empty_.back()) raw(",");
    container_empty_.back() = false;
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    raw("{");
    container_empty_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    raw("}");
    container_empty_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    raw("[");
    container_empty_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    raw("]");
    container_empty_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    string(name);
    raw(":");
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
    before_value();
    raw("\"");
    std::size_t at = 0;
    while (at < value.size()) {
        const auto c = static_cast<unsigned char>(value[at]);
        if (c >= 0x80) {
            const std::size_t length = utf8_sequence(value, at);
            if (length == 0) {
                raw("\\ufffd");
                ++at;
            } else {
                raw(value.substr(at, length));
                at += length;
            }
            continue;
        }
        if (c == '"') {
            raw("\\\"");
        } else if (c == '\\') {
            raw("\\\\");
        } else if (c < 0x20) {
            std::array<char, 8> escaped{};
            std::snprintf(escaped.data(), escaped.size(), "\\u%04x", static_cast<unsigned>(c));
            raw(escaped.data());
        } else {
            raw(value.substr(at, 1));
        }
        ++at;
    }
    raw("\"");
    return *this;
}

JsonWriter& JsonWriter::integer(long long value) {
    before_value();
    raw(std::to_string(value));
    return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
    before_value();
    raw(value ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::fixed3(double value) {
    before_value();
    // Digits by hand: printf's %f takes its decimal point from the locale. Confidences are never negative.
    const double clamped = std::isfinite(value) ? std::clamp(value, 0.0, 1e9) : 0.0;
    const long long thousandths = std::llround(clamped * 1000.0);
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%lld.%03lld", thousandths / 1000, thousandths % 1000);
    raw(text.data());
    return *this;
}

JsonWriter& JsonWriter::base64(std::span<const std::uint8_t> bytes) {
    before_value();
    reserve_wiping(out_, base64_length(bytes.size()) + 3);
    out_.push_back('"');
    append_base64(out_, bytes);  // fits in the reserved room, so the buffer does not move
    out_.push_back('"');
    return *this;
}

void JsonWriter::reserve(std::size_t bytes) {
    reserve_wiping(out_, bytes);
}

std::string JsonWriter::take() {
    container_empty_.clear();
    after_key_ = false;
    return std::exchange(out_, {});
}

}  // namespace hk::kiosk::central
