// DER object identifiers (X.690 §8.19) in dotted form.
#include <charconv>
#include <cstdint>
#include <vector>

#include "drivers/icao9303/card_access.h"

namespace hk::drivers::icao9303 {

std::optional<Bytes> encode_oid(std::string_view dotted_oid) {
    std::vector<std::uint32_t> arcs;
    std::size_t start = 0;
    while (start <= dotted_oid.size()) {
        const std::size_t dot = std::min(dotted_oid.find('.', start), dotted_oid.size());
        std::uint32_t arc = 0;
        const char* first = dotted_oid.data() + start;
        const char* last = dotted_oid.data() + dot;
        const auto [end, error] = std::from_chars(first, last, arc);
        if (first == last || error != std::errc{} || end != last) return std::nullopt;
        arcs.push_back(arc);
        start = dot + 1;
    }
    if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) return std::nullopt;
    Bytes out;
    const auto put = [&out](std::uint64_t value) {
        std::uint8_t groups[10];
        int count = 0;
        do {
            groups[count++] = static_cast<std::uint8_t>(value & 0x7F);
            value >>= 7;
        } while (value != 0);
        while (count > 1) out.push_back(static_cast<std::uint8_t>(groups[--count] | 0x80));
        out.push_back(groups[0]);
    };
    put(std::uint64_t{arcs[0]} * 40 + arcs[1]);
    for (std::size_t i = 2; i < arcs.size(); ++i) put(arcs[i]);
    return out;
}

std::optional<std::string> decode_oid(ByteView contents) {
    if (contents.empty() || (contents.back() & 0x80) != 0) return std::nullopt;
    std::string out;
    std::uint64_t value = 0;
    bool first_arc = true;
    bool starting = true;
    for (const std::uint8_t byte : contents) {
        if (starting && byte == 0x80) return std::nullopt;  // not minimal
        if (value > (std::uint64_t{1} << 32)) return std::nullopt;
        value = (value << 7) | (byte & 0x7F);
        starting = false;
        if ((byte & 0x80) != 0) continue;
        if (first_arc) {
            const std::uint64_t top = value < 80 ? value / 40 : 2;
            out = std::to_string(top) + "." + std::to_string(value - top * 40);
            first_arc = false;
        } else {
            out += "." + std::to_string(value);
        }
        value = 0;
        starting = true;
    }
    return out;
}

}  // namespace hk::drivers::icao9303
