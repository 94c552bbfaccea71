#include "drivers/icao9303/file_reader.h"

#include <algorithm>
#include <optional>

#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303 {
namespace {

using iso7816::CommandApdu;
using iso7816::ResponseApdu;
namespace sw = iso7816::sw;

// READ BINARY with an offset in P1-P2 reaches 32767; beyond it the odd instruction B1 carries the offset in
// DO54 and the answer in DO53 (ISO/IEC 7816-4 §11.3.3).
constexpr std::size_t kLargestEvenOffset = 0x7FFF;
// DO53 header in an odd-INS answer: tag, and a length of up to 3 bytes.
constexpr std::size_t kOddAnswerOverhead = 4;

std::string hex4(std::uint16_t value) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out(4, '0');
    for (int i = 3; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = kDigits[value & 0x0F];
        value = static_cast<std::uint16_t>(value >> 4);
    }
    return out;
}

FileReadError status_error(std::uint16_t status, std::string_view what) {
    FileReadError error;
    error.status = status;
    error.kind = status == sw::kFileNotFound                 ? FileReadError::Kind::NotFound
                 : status == sw::kSecurityStatusNotSatisfied ? FileReadError::Kind::AccessDenied
                                                             : FileReadError::Kind::Refused;
    error.detail = std::string{what} + ": " + iso7816::describe_status(status);
    return error;
}

Bytes offset_object(std::size_t offset) {
    Bytes value;
    for (std::size_t v = offset; v != 0; v >>= 8)
        value.insert(value.begin(), static_cast<std::uint8_t>(v & 0xFF));
    return iso7816::encode_tlv(0x54, value);
}

}  // namespace

FileReader::FileReader(iso7816::CardChannel& channel, std::size_t start_read)
    : channel_(channel), read_size_(start_read) {
    if (!channel_.supports_extended_length()) read_size_ = std::min(read_size_, kShortSecureRead);
}

std::expected<void, FileReadError> FileReader::select(std::uint16_t file_id) {
    const CommandApdu command{
        .cla = 0x00,
        .ins = 0xA4,
        .p1 = 0x02,
        .p2 = 0x0C,
        .data = {static_cast<std::uint8_t>(file_id >> 8), static_cast<std::uint8_t>(file_id)},
        .ne = {}};
    auto response = channel_.transmit(command);
    if (!response) {
        return std::unexpected(FileReadError{FileReadError::Kind::Channel, 0, response.error(),
                                             "SELECT EF " + hex4(file_id) + ": " + response.error().detail});
    }
    if (!response->ok()) return std::unexpected(status_error(response->sw, "SELECT EF " + hex4(file_id)));
    return {};
}

std::expected<ResponseApdu, FileReadError> FileReader::read_at(std::size_t offset, std::size_t count) {
    CommandApdu command{.cla = 0x00, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = count};
    const bool odd = offset > kLargestEvenOffset;
    if (odd) {
        command.ins = 0xB1;
        command.data = offset_object(offset);
        command.ne = std::min(count + kOddAnswerOverhead, iso7816::kExtendedMaxNe);
    } else {
        command.p1 = static_cast<std::uint8_t>(offset >> 8);
        command.p2 = static_cast<std::uint8_t>(offset & 0xFF);
    }
    auto response = channel_.transmit(command);
    if (!response) {
        return std::unexpected(FileReadError{FileReadError::Kind::Channel, 0, response.error(),
                                             "READ BINARY: " + response.error().detail});
    }
    if (odd && (response->ok() || response->sw == sw::kEndOfFileBeforeNe)) {
        const auto wrapped = iso7816::parse_tlv(response->data);
        if (!wrapped || wrapped->tag != 0x53) {
            return std::unexpected(FileReadError{
                FileReadError::Kind::Malformed, response->sw, {}, "READ BINARY (B1): answer is not a DO53"});
        }
        response->data.assign(wrapped->value.begin(), wrapped->value.end());
    }
    return std::move(*response);
}

bool FileReader::step_down(std::size_t failed_size) {
    for (const std::size_t size : kReadSizeLadder) {
        if (size < failed_size) {
            read_size_ = size;
            ++length_fallbacks_;
            return true;
        }
    }
    return false;
}

std::expected<Bytes, FileReadError> FileReader::read_file(std::uint16_t file_id) {
    if (auto selected = select(file_id); !selected) return std::unexpected(selected.error());
    Bytes content;
    std::optional<std::size_t> total;
    while (!total || content.size() < *total) {
        // A chip that refuses to read past the end gets the header first: then the file's length is known.
        const std::size_t unknown_size_read = refuses_past_end_ ? kHeaderRead : read_size_;
        const std::size_t want = total ? std::min(*total - content.size(), read_size_) : unknown_size_read;
        auto response = read_at(content.size(), want);
        if (!response) return std::unexpected(response.error());
        const std::uint16_t status = response->sw;
        if ((status & 0xFF00) == sw::kWrongLe) {
            const std::size_t hinted = response->sw2() == 0 ? iso7816::kShortMaxNe : response->sw2();
            if (hinted >= want) return std::unexpected(status_error(status, "READ BINARY"));
            read_size_ = hinted;
            ++length_fallbacks_;
            continue;
        }
        if (status == sw::kWrongLength || status == sw::kSmWrongLength) {
            if (!step_down(want)) return std::unexpected(status_error(status, "READ BINARY"));
            continue;
        }
        const bool end_reached = status == sw::kEndOfFileBeforeNe;
        if (!response->ok() && !end_reached) {
            // Asking past the end of a file whose length is not known yet: some chips answer 6B00 instead of
            // giving what there is with 6282.
            if (status == sw::kWrongP1P2 && !total && !refuses_past_end_) {
                refuses_past_end_ = true;
                continue;
            }
            return std::unexpected(status_error(status, "READ BINARY"));
        }
        if (response->data.empty() && !end_reached) {
            return std::unexpected(FileReadError{FileReadError::Kind::Malformed,
                                                 status,
                                                 {},
                                                 "READ BINARY answered no data before the end of the file"});
        }
        content.insert(content.end(), response->data.begin(), response->data.end());
        if (!total) {
            auto length = iso7816::tlv_total_length(content);
            if (!length) {
                return std::unexpected(FileReadError{
                    FileReadError::Kind::Malformed, status, {}, "file does not start with a TLV header"});
            }
            total = *length;
            if (total && *total > kMaxFileSize) {
                return std::unexpected(FileReadError{FileReadError::Kind::Malformed,
                                                     status,
                                                     {},
                                                     "file claims " + std::to_string(*total) + " bytes"});
            }
        }
        if (end_reached) break;
    }
    if (!total || content.size() < *total) {
        return std::unexpected(
            FileReadError{FileReadError::Kind::Malformed,
                          0,
                          {},
                          "file ended after " + std::to_string(content.size()) + " bytes"});
    }
    content.resize(*total);  // bytes after the TLV (padding some chips leave) are not part of it
    return content;
}

}  // namespace hk::drivers::icao9303
