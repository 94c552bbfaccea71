// libFuzzer target (clang only): BER-TLV parsing as the LDS, the SOD and secure messaging use it.
#include <cstddef>
#include <cstdint>

#include "ber_tlv_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    hk::drivers::iso7816::fuzz::check_ber_tlv_input(data, size);
    return 0;
}
