#include "drivers/iso7816/apdu.h"

#include <array>
#include <cstdio>
#include <utility>

namespace hk::drivers::iso7816 {
namespace {

void put_extended_length(Bytes& out, std::size_t value) {
    // 65536 (Ne) is encoded as 0000.
    out.push_back(static_cast<std::uint8_t>((value >> 8) & 0xFF));
    out.push_back(static_cast<std::uint8_t>(value & 0xFF));
}

std::size_t short_ne(std::uint8_t le) {
    return le == 0 ? kShortMaxNe : le;
}
std::size_t extended_ne(std::uint8_t high, std::uint8_t low) {
    const std::size_t value = (std::size_t{high} << 8) | low;
    return value == 0 ? kExtendedMaxNe : value;
}

}  // namespace

bool CommandApdu::needs_extended_length() const {
    return data.size() > kShortMaxNc || (ne && *ne > kShortMaxNe);
}

std::optional<Bytes> CommandApdu::encode(bool force_extended) const {
    if (data.size() > kExtendedMaxNc) return std::nullopt;
    if (ne && (*ne == 0 || *ne > kExtendedMaxNe)) return std::nullopt;
    const bool extended = force_extended || needs_extended_length();
    Bytes out{cla, ins, p1, p2};
    out.reserve(4 + 3 + data.size() + 3);
    if (!extended) {
        if (!data.empty()) {
            out.push_back(static_cast<std::uint8_t>(data.size()));
            out.insert(out.end(), data.begin(), data.end());
        }
        if (ne) out.push_back(static_cast<std::uint8_t>(*ne == kShortMaxNe ? 0 : *ne));
        return out;
    }
    if (data.empty() && !ne) return out;  // case 1 has no length fields at all
    out.push_back(0x00);                  // extended-length marker
    if (!data.empty()) {
        put_extended_length(out, data.size());
        out.insert(out.end(), data.begin(), data.end());
    }
    if (ne) put_extended_length(out, *ne == kExtendedMaxNe ? 0 : *ne);
    return out;
}

std::expected<CommandApdu, ApduError> decode_command(ByteView bytes) {
    if (bytes.size() < 4) return std::unexpected(ApduError::TooShort);
    CommandApdu command{
        .cla = bytes[0], .ins = bytes[1], .p1 = bytes[2], .p2 = bytes[3], .data = {}, .ne = {}};
    const ByteView body = bytes.subspan(4);
    if (body.empty()) return command;  // case 1
    if (body.size() == 1) {            // case 2 short
        command.ne = short_ne(body[0]);
        return command;
    }
    if (body[0] != 0) {  // case 3 or 4 short
        const std::size_t nc = body[0];
        if (body.size() == 1 + nc) {
            command.data.assign(body.begin() + 1, body.end());
            return command;
        }
        if (body.size() == 2 + nc) {
            command.data.assign(body.begin() + 1, body.begin() + 1 + static_cast<std::ptrdiff_t>(nc));
            command.ne = short_ne(body.back());
            return command;
        }
        return std::unexpected(ApduError::LengthMismatch);
    }
    // Extended: 00 then two length bytes.
    if (body.size() < 3) return std::unexpected(ApduError::BadLengthField);
    if (body.size() == 3) {  // case 2 extended
        command.ne = extended_ne(body[1], body[2]);
        return command;
    }
    const std::size_t nc = (std::size_t{body[1]} << 8) | body[2];
    if (nc == 0) return std::unexpected(ApduError::BadLengthField);
    if (body.size() == 3 + nc) {
        command.data.assign(body.begin() + 3, body.end());
        return command;
    }
    if (body.size() == 5 + nc) {
        command.data.assign(body.begin() + 3, body.begin() + 3 + static_cast<std::ptrdiff_t>(nc));
        command.ne = extended_ne(body[3 + nc], body[4 + nc]);
        return command;
    }
    return std::unexpected(ApduError::LengthMismatch);
}

Bytes ResponseApdu::encode() const {
    Bytes out = data;
    out.push_back(sw1());
    out.push_back(sw2());
    return out;
}

std::expected<ResponseApdu, ApduError> decode_response(ByteView bytes) {
    if (bytes.size() < 2) return std::unexpected(ApduError::TooShort);
    ResponseApdu response;
    response.data.assign(bytes.begin(), bytes.end() - 2);
    response.sw = static_cast<std::uint16_t>((bytes[bytes.size() - 2] << 8) | bytes[bytes.size() - 1]);
    return response;
}

std::string describe_status(std::uint16_t status_word) {
    struct Known {
        std::uint16_t sw;
        std::uint16_t mask;
        const char* text;
    };
    static constexpr std::array kKnown{
        Known{0x9000, 0xFFFF, "success"},
        Known{0x6100, 0xFF00, "more data available"},
        Known{0x6282, 0xFFFF, "end of file reached before Ne bytes"},
        Known{0x6300, 0xFFFF, "authentication failed"},
        Known{0x63C0, 0xFFF0, "verification failed, counter in SW2"},
        Known{0x6581, 0xFFFF, "memory failure"},
        Known{0x6700, 0xFFFF, "wrong length"},
        Known{0x6882, 0xFFFF, "secure messaging not supported"},
        Known{0x6883, 0xFFFF, "last command of the chain expected"},
        Known{0x6982, 0xFFFF, "security status not satisfied"},
        Known{0x6983, 0xFFFF, "authentication method blocked"},
        Known{0x6985, 0xFFFF, "conditions of use not satisfied"},
        Known{0x6986, 0xFFFF, "command not allowed (no current EF)"},
        Known{0x6987, 0xFFFF, "expected secure messaging data objects missing"},
        Known{0x6988, 0xFFFF, "incorrect secure messaging data objects"},
        Known{0x6A80, 0xFFFF, "incorrect parameters in the data field"},
        Known{0x6A82, 0xFFFF, "file or application not found"},
        Known{0x6A86, 0xFFFF, "incorrect parameters P1-P2"},
        Known{0x6A88, 0xFFFF, "referenced data not found"},
        Known{0x6B00, 0xFFFF, "wrong parameters P1-P2 (offset outside the EF)"},
        Known{0x6C00, 0xFF00, "wrong Le field, SW2 gives the right length"},
        Known{0x6D00, 0xFFFF, "instruction not supported"},
        Known{0x6E00, 0xFFFF, "class not supported"},
        Known{0x6F00, 0xFFFF, "no precise diagnosis"},
    };
    char code[5];
    std::snprintf(code, sizeof code, "%04X", status_word);
    for (const Known& known : kKnown) {
        if ((status_word & known.mask) == known.sw) return std::string{code} + " " + known.text;
    }
    return std::string{code} + " unknown status";
}

}  // namespace hk::drivers::iso7816
