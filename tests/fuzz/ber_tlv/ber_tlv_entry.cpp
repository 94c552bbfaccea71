#include "ber_tlv_entry.h"

#include <algorithm>
#include <cstdlib>

#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::iso7816::fuzz {
namespace {

void require(bool promise) {
    if (!promise) std::abort();
}

bool inside(ByteView part, ByteView whole) {
    return part.empty() ||
           (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

void check_one(const Tlv& tlv, ByteView input, int depth) {
    require(inside(tlv.whole, input));
    require(inside(tlv.value, tlv.whole));
    require(tlv.value.data() + tlv.value.size() == tlv.whole.data() + tlv.whole.size());
    const auto length = tlv_total_length(tlv.whole);
    require(length.has_value() && length->has_value() && **length == tlv.whole.size());
    // The encoder writes minimal lengths; a minimally written input must come back byte for byte.
    const Bytes again = encode_tlv(tlv.tag, tlv.value);
    const std::size_t header = tlv.whole.size() - tlv.value.size();
    if (again.size() - tlv.value.size() == header) {
        require(std::equal(again.begin(), again.end(), tlv.whole.begin(), tlv.whole.end()));
    }
    if (tlv.constructed() && depth < 8) {
        if (auto children = parse_tlv_sequence(tlv.value)) {
            for (const Tlv& child : *children) check_one(child, input, depth + 1);
        }
        (void)find_child(tlv.value, 0x5F1F);
    }
}

}  // namespace

void check_ber_tlv_input(const std::uint8_t* data, std::size_t size) {
    const ByteView input(data, size);
    if (auto one = parse_tlv(input)) check_one(*one, input, 0);
    if (auto all = parse_tlv_sequence(input)) {
        std::size_t covered = 0;
        for (const Tlv& tlv : *all) {
            require(tlv.whole.data() == input.data() + covered);
            covered += tlv.whole.size();
        }
        require(covered == input.size());
    }
    if (auto length = tlv_total_length(input); length && *length) {
        // When the header says the whole object is there, parse_tlv must agree.
        if (**length <= input.size()) {
            const auto parsed = parse_tlv(input);
            require(parsed.has_value() && parsed->whole.size() == **length);
        }
    }
}

}  // namespace hk::drivers::iso7816::fuzz
