// One fuzz input through every BER-TLV reader of drivers/src/iso7816/ber_tlv.cpp, checking what each
// promises: views stay inside the input, a sequence covers the input exactly, the header length agrees with
// the parse, and what parses re-encodes to the same bytes when its length was written minimally. Aborts on a
// broken promise.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hk::drivers::iso7816::fuzz {

void check_ber_tlv_input(const std::uint8_t* data, std::size_t size);

}  // namespace hk::drivers::iso7816::fuzz
