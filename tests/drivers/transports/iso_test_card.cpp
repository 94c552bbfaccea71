#include "iso_test_card.h"

#include <algorithm>

#include "drivers/iso7816/apdu.h"

namespace hk::drivers::transports::testing {

namespace sw = iso7816::sw;

namespace {

Bytes status_only(std::uint16_t status) {
    return iso7816::ResponseApdu{{}, status}.encode();
}

}  // namespace

Bytes test_file_contents(std::uint16_t fid, std::size_t size) {
    Bytes data(size);
    std::uint32_t state = 0x9E3779B9U ^ fid;
    for (auto& byte : data) {
        state = state * 1664525U + 1013904223U;
        byte = static_cast<std::uint8_t>(state >> 24);
    }
    return data;
}

IsoTestCard::IsoTestCard() {
    files_[kSmallFile] = test_file_contents(kSmallFile, 42);
    files_[kLargeFile] = test_file_contents(kLargeFile, kLargeFileSize);
}

Bytes IsoTestCard::atr() const {
    // PC/SC part 3 ATR of a contactless ISO 14443-4 card: 3B 8n 80 01, n historical bytes, TCK (XOR of T0
    // through the last historical byte).
    Bytes atr{0x3B, 0x84, 0x80, 0x01, 0x48, 0x4B, 0x54, 0x31};
    std::uint8_t tck = 0;
    for (std::size_t i = 1; i < atr.size(); ++i) tck ^= atr[i];
    atr.push_back(tck);
    return atr;
}

void IsoTestCard::reset() {
    selected_.reset();
    ++resets_;
}

Bytes IsoTestCard::process(ByteView raw) {
    ++commands_;
    if (remove_countdown_ > 0 && --remove_countdown_ == 0) present_ = false;
    const auto command = iso7816::decode_command(raw);
    if (!command) return status_only(sw::kWrongLength);
    if (command->cla != 0x00) return status_only(sw::kClaNotSupported);

    if (command->ins == 0xA4) {  // SELECT by file identifier, no answer data
        if (command->p1 != 0x02 || command->p2 != 0x0C || command->data.size() != 2)
            return status_only(sw::kWrongP1P2);
        const auto fid = static_cast<std::uint16_t>((command->data[0] << 8) | command->data[1]);
        if (!files_.contains(fid)) return status_only(sw::kFileNotFound);
        selected_ = fid;
        return status_only(sw::kOk);
    }
    if (command->ins == 0xB0) {  // READ BINARY with a 15-bit offset
        if ((command->p1 & 0x80) != 0) return status_only(sw::kWrongP1P2);
        if (!selected_) return status_only(0x6986);  // command not allowed: no current EF
        if (!command->ne) return status_only(sw::kWrongLength);
        const auto& file = files_.at(*selected_);
        const std::size_t offset = (std::size_t{command->p1} << 8) | command->p2;
        if (offset >= file.size()) return status_only(sw::kWrongP1P2);
        const std::size_t count = std::min(*command->ne, file.size() - offset);
        iso7816::ResponseApdu response;
        response.data.assign(file.begin() + static_cast<std::ptrdiff_t>(offset),
                             file.begin() + static_cast<std::ptrdiff_t>(offset + count));
        response.sw = count < *command->ne ? sw::kEndOfFileBeforeNe : sw::kOk;
        largest_answer_ = std::max(largest_answer_.load(), count);
        return response.encode();
    }
    return status_only(sw::kInsNotSupported);
}

}  // namespace hk::drivers::transports::testing
