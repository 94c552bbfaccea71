#include "drivers/ga467/sam_commands.h"

#include <cstdio>

#include "drivers/ga467/sam_status.h"
#include "drivers/ga467/text_block.h"
#include "drivers/personal_string.h"

namespace hk::drivers::ga467 {

namespace {

bool is_card_step(Step step) {
    return step == Step::SelectCard || step == Step::ReadCard || step == Step::ReadNewestAddress;
}

StatusMeaning fault(Step step, FaultKind kind, const std::string& what) {
    return {StatusMeaning::Outcome::Fault, kind, std::string(describe(step)) + ": " + what};
}

std::string hex_byte(std::uint8_t value) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", static_cast<unsigned>(value));
    return text;
}

std::size_t length_at(std::span<const std::uint8_t> data, std::size_t offset) {
    return (static_cast<std::size_t>(data[offset]) << 8) | data[offset + 1];
}

void put_length(std::vector<std::uint8_t>& out, std::size_t length) {
    out.push_back(static_cast<std::uint8_t>(length >> 8));
    out.push_back(static_cast<std::uint8_t>(length & 0xFF));
}

}  // namespace

Request make_request(CommandCode code) {
    return Request{code.command, code.parameter, {}};
}

const char* describe(Step step) {
    switch (step) {
        case Step::FindCard:
            return "find card";
        case Step::SelectCard:
            return "select card";
        case Step::ReadCard:
            return "read card";
        case Step::ReadNewestAddress:
            return "read newest address";
        case Step::SamStatus:
            return "SAM status";
        case Step::ResetSam:
            return "reset SAM";
    }
    return "command";
}

StatusMeaning interpret_status(Step step, std::uint8_t sw3) {
    const std::optional<SamStatus> status = sam_status_from_byte(sw3);
    if (!status) return fault(step, FaultKind::IoError, "unknown SAM status " + hex_byte(sw3));
    const std::string what = describe(*status);
    const auto unexpected = [&] { return fault(step, FaultKind::IoError, "unexpected status " + what); };
    switch (*status) {
        case SamStatus::Ok:
            return step == Step::FindCard ? unexpected()
                                          : StatusMeaning{StatusMeaning::Outcome::Success, {}, {}};
        case SamStatus::CardFound:
            return step == Step::FindCard ? StatusMeaning{StatusMeaning::Outcome::Success, {}, {}}
                                          : unexpected();
        case SamStatus::FindFailed:
        case SamStatus::SelectFailed:
        case SamStatus::ReadFailed:
            // At find: simply no card. Once a card was found, these say it no longer answers; the session
            // looks again to tell a card taken away from one that cannot be read.
            if (step == Step::FindCard && *status == SamStatus::FindFailed)
                return StatusMeaning{StatusMeaning::Outcome::NoCard, {}, {}};
            return is_card_step(step) ? fault(step, FaultKind::CardRemoved, what) : unexpected();
        case SamStatus::ChecksumError:
        case SamStatus::LengthError:
            return fault(step, FaultKind::Unreadable, what + " (line noise)");
        case SamStatus::BadCommand:
            return fault(step, FaultKind::IoError, what);
        case SamStatus::AuthenticationFailed:
        case SamStatus::CardAuthenticationFailed:
        case SamStatus::VerifyError:
            return is_card_step(step) || step == Step::FindCard
                       ? fault(step, FaultKind::AccessDenied, what + ": card may not be genuine")
                       : unexpected();
        case SamStatus::WrongCard:
            return fault(step, FaultKind::Unreadable, what);
        case SamStatus::SelfTestFailed:
            return fault(step, FaultKind::IoError, what + ": reader needs service");
    }
    return unexpected();
}

void CardRecord::wipe() noexcept {
    wipe_bytes(text.data(), text.size());
    wipe_bytes(photo_wlt.data(), photo_wlt.size());
    text.clear();
    photo_wlt.clear();
    if (fingerprints) {
        wipe_bytes(fingerprints->data(), fingerprints->size());
        fingerprints.reset();
    }
}

std::expected<CardRecord, const char*> decode_card_record(std::span<const std::uint8_t> data,
                                                          bool with_fingerprints) {
    const std::size_t header = with_fingerprints ? 6 : 4;
    if (data.size() < header) return std::unexpected("card record shorter than its length fields");
    const std::size_t text_length = length_at(data, 0);
    const std::size_t photo_length = length_at(data, 2);
    const std::size_t fingerprint_length = with_fingerprints ? length_at(data, 4) : 0;
    if (text_length != kTextBlockSize) return std::unexpected("card record text length is not 256");
    if (photo_length != kPhotoSize) return std::unexpected("card record photo length is not 1024");
    if (fingerprint_length > kFingerprintSize)
        return std::unexpected("card record fingerprint length above 1024");
    if (data.size() != header + text_length + photo_length + fingerprint_length)
        return std::unexpected("card record lengths disagree with the frame length");

    CardRecord record;
    const auto text = data.subspan(header, text_length);
    const auto photo = data.subspan(header + text_length, photo_length);
    record.text.assign(text.begin(), text.end());
    record.photo_wlt.assign(photo.begin(), photo.end());
    if (fingerprint_length > 0) {
        const auto prints = data.subspan(header + text_length + photo_length, fingerprint_length);
        record.fingerprints.emplace(prints.begin(), prints.end());
    }
    return record;
}

std::vector<std::uint8_t> encode_card_record(std::span<const std::uint8_t> text,
                                             std::span<const std::uint8_t> photo, bool fingerprint_layout,
                                             std::span<const std::uint8_t> fingerprints) {
    std::vector<std::uint8_t> data;
    data.reserve(6 + text.size() + photo.size() + fingerprints.size());
    put_length(data, text.size());
    put_length(data, photo.size());
    if (fingerprint_layout) put_length(data, fingerprints.size());
    data.insert(data.end(), text.begin(), text.end());
    data.insert(data.end(), photo.begin(), photo.end());
    if (fingerprint_layout) data.insert(data.end(), fingerprints.begin(), fingerprints.end());
    return data;
}

}  // namespace hk::drivers::ga467
