// Why an LDS file or a security object could not be read. The codes say what was wrong with the bytes,
// never what they held: they go into logs and check reasons, which carry no personal data.
#pragma once

#include <cstdint>
#include <string_view>

namespace hk::drivers::icao9303 {

enum class LdsError : std::uint8_t {
    Malformed,    // the TLV / DER structure is broken, truncated or has bytes left over
    WrongTag,     // a well-formed file, but not the one asked for (e.g. DG2 given to the DG1 parser)
    Unsupported,  // well-formed but of a kind this code does not handle (an unknown MRZ size, image type)
    BadImage,     // DG2's image does not decode, or its record's lengths lie
    Crypto,       // OpenSSL refused a key, certificate or CMS structure
};

std::string_view to_string(LdsError error);

}  // namespace hk::drivers::icao9303
