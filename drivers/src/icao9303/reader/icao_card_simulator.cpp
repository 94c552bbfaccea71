#include "drivers/sim/icao_card_simulator.h"

#include <algorithm>
#include <random>
#include <thread>

#include "drivers/icao9303/file_reader.h"
#include "drivers/icao9303/lds_files.h"
#include "drivers/iso7816/ber_tlv.h"
#include "icao_card_session.h"

namespace hk::drivers::sim {
namespace {

using iso7816::Bytes;
using iso7816::ByteView;
using iso7816::CommandApdu;
using iso7816::ResponseApdu;
namespace sw = iso7816::sw;
namespace fid = icao9303::fid;

ResponseApdu status(std::uint16_t status_word) {
    return ResponseApdu{{}, status_word};
}

// An extended-length APDU has a zero byte where a short one has Lc or Le, followed by more bytes.
bool is_extended(ByteView raw) {
    return raw.size() > 5 && raw[4] == 0x00;
}

bool is_eMrtd_application(ByteView aid) {
    static constexpr std::uint8_t kAid[] = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
    return std::ranges::equal(aid, kAid);
}

// Short EF identifiers (ISO/IEC 7816-4 §7.2.2): the LDS files use the low five bits of their file identifier.
std::optional<std::uint16_t> file_for_short_id(std::uint8_t sfi, bool in_application) {
    if (!in_application) {
        if (sfi == 0x01) return fid::kAtrInfo;
        if (sfi == 0x1C) return fid::kCardAccess;
        return std::nullopt;
    }
    return static_cast<std::uint16_t>(0x0100 | sfi);
}

}  // namespace

IcaoCardSimulator::IcaoCardSimulator(IcaoCardContents contents, IcaoCardQuirks quirks)
    : contents_(std::move(contents)),
      quirks_(quirks),
      session_(std::make_unique<Session>(contents_, quirks_)) {
    if (quirks_.bac_only) contents_.card_access.reset();
    atr_info_file_ = atr_info();
    std::random_device random;
    uid_ = {0x08, static_cast<std::uint8_t>(random()), static_cast<std::uint8_t>(random()),
            static_cast<std::uint8_t>(random())};
}

IcaoCardSimulator::~IcaoCardSimulator() = default;

Bytes IcaoCardSimulator::atr() const {
    // PC/SC part 3 contactless ATR: 3B 8n 80 01, n historical bytes, TCK = XOR of T0..last historical byte.
    Bytes atr{0x3B, 0x88, 0x80, 0x01, 'H', 'U', 'K', 'I', 'O', 'S', 'K', 0x01};
    std::uint8_t check = 0;
    for (std::size_t i = 1; i < atr.size(); ++i) check = static_cast<std::uint8_t>(check ^ atr[i]);
    atr.push_back(check);
    return atr;
}

void IcaoCardSimulator::reset() {
    const std::lock_guard lock(mutex_);
    current_df_ = Df::Master;
    current_ef_.reset();
    session_ = std::make_unique<Session>(contents_, quirks_);
    apdus_ = 0;
}

void IcaoCardSimulator::set_present(bool present) {
    if (present && !present_) reset();
    present_ = present;
}

std::optional<Bytes> IcaoCardSimulator::atr_info() const {
    if (!quirks_.extended_length) return std::nullopt;
    // ISO/IEC 7816-4 §12.7.1: 7F66 { 02 max Nc, 02 max Ne } of the APDUs on the wire.
    const auto integer = [](std::size_t value) {
        return iso7816::encode_tlv(
            0x02, Bytes{static_cast<std::uint8_t>(value >> 16), static_cast<std::uint8_t>(value >> 8),
                        static_cast<std::uint8_t>(value)});
    };
    const std::size_t max_answer =
        std::min<std::size_t>(quirks_.max_read + icao9303::kSecureMessagingOverhead, 65536);
    return iso7816::encode_tlv(0x7F66, iso7816::concat(integer(65535), integer(max_answer)));
}

Bytes IcaoCardSimulator::process(ByteView command) {
    if (quirks_.answer_delay.count() > 0) std::this_thread::sleep_for(quirks_.answer_delay);
    const std::lock_guard lock(mutex_);
    const int count = ++apdus_;
    if (quirks_.removed_after_apdus && count > *quirks_.removed_after_apdus) {
        present_ = false;
        return {};
    }
    return process_locked(command);
}

Bytes IcaoCardSimulator::process_locked(ByteView raw) {
    if (!quirks_.extended_length && is_extended(raw)) return status(sw::kWrongLength).encode();
    const auto command = iso7816::decode_command(raw);
    if (!command) return status(sw::kWrongLength).encode();
    if ((command->cla & 0x0C) == 0x0C) {
        auto plain = session_->unwrap_command(raw);
        if (!plain) return status(plain.error()).encode();
        const ResponseApdu answer = dispatch(*plain, true);
        return session_->wrap_response(answer);
    }
    // A plain command ends secure messaging (9303-11 §9.8.6: the chip aborts the session).
    if (session_->secured() && command->ins != 0xA4) session_->close();
    return dispatch(*command, false).encode();
}

ResponseApdu IcaoCardSimulator::dispatch(const CommandApdu& command, bool secured) {
    switch (command.ins) {
        case 0xA4:
            return select(command);
        case 0xB0:
        case 0xB1:
            return read_binary(command);
        default:
            return session_->access_command(command, secured, current_df_ == Df::Application);
    }
}

ResponseApdu IcaoCardSimulator::select(const CommandApdu& command) {
    switch (command.p1) {
        case 0x04:  // by DF name
            if (!is_eMrtd_application(command.data)) return status(sw::kFileNotFound);
            current_df_ = Df::Application;
            current_ef_.reset();
            return status(sw::kOk);
        case 0x00:  // MF
            if (!command.data.empty() && command.data != Bytes{0x3F, 0x00}) return status(sw::kFileNotFound);
            current_df_ = Df::Master;
            current_ef_.reset();
            return status(sw::kOk);
        case 0x02:  // EF under the current DF
        case 0x01: {
            if (command.data.size() != 2) return status(sw::kWrongData);
            const auto id = static_cast<std::uint16_t>((command.data[0] << 8) | command.data[1]);
            const auto previous = current_ef_;
            current_ef_ = id;
            if (selected_file() == nullptr) {
                current_ef_ = previous;
                return status(sw::kFileNotFound);
            }
            return status(sw::kOk);
        }
        default:
            return status(sw::kWrongP1P2);
    }
}

const Bytes* IcaoCardSimulator::selected_file() const {
    if (!current_ef_) return nullptr;
    if (current_df_ == Df::Master) {
        if (*current_ef_ == fid::kCardAccess && contents_.card_access) return &*contents_.card_access;
        if (*current_ef_ == fid::kAtrInfo && atr_info_file_) return &*atr_info_file_;
        return nullptr;
    }
    const auto found = contents_.application_files.find(*current_ef_);
    return found == contents_.application_files.end() ? nullptr : &found->second;
}

ResponseApdu IcaoCardSimulator::read_binary(const CommandApdu& command) {
    std::size_t offset = 0;
    if (command.ins == 0xB0) {
        if ((command.p1 & 0x80) != 0) {  // short EF identifier in P1, offset in P2
            const auto id = file_for_short_id(command.p1 & 0x1F, current_df_ == Df::Application);
            if (!id) return status(sw::kFileNotFound);
            const auto previous = current_ef_;
            current_ef_ = *id;
            if (selected_file() == nullptr) {
                current_ef_ = previous;
                return status(sw::kFileNotFound);
            }
            offset = command.p2;
        } else {
            offset = (std::size_t{command.p1} << 8) | command.p2;
        }
    } else {
        const auto offset_object = iso7816::parse_tlv(command.data);
        if (!offset_object || offset_object->tag != 0x54 || offset_object->value.empty() ||
            offset_object->value.size() > 3) {
            return status(sw::kWrongData);
        }
        for (const std::uint8_t b : offset_object->value) offset = (offset << 8) | b;
    }
    const Bytes* file = selected_file();
    if (file == nullptr) return status(0x6986);  // no current EF
    const bool protected_file = current_df_ == Df::Application;
    if (protected_file && quirks_.require_access_control && !session_->secured()) {
        return status(sw::kSecurityStatusNotSatisfied);
    }
    const std::size_t asked = command.ne.value_or(iso7816::kShortMaxNe);
    const std::size_t overhead = command.ins == 0xB1 ? 4 : 0;
    if (asked > quirks_.max_read + overhead) {
        if (quirks_.hint_wrong_le) {
            return status(
                static_cast<std::uint16_t>(sw::kWrongLe | std::min<std::size_t>(quirks_.max_read, 255)));
        }
        return status(sw::kWrongLength);
    }
    if (offset > file->size()) return status(sw::kWrongP1P2);
    const std::size_t available = file->size() - offset;
    const std::size_t wanted = asked - overhead;
    if (wanted > available && !quirks_.warn_past_end) return status(sw::kWrongP1P2);
    const auto begin = file->begin() + static_cast<std::ptrdiff_t>(offset);
    Bytes data(begin, begin + static_cast<std::ptrdiff_t>(std::min(wanted, available)));
    if (command.ins == 0xB1) data = iso7816::encode_tlv(0x53, data);
    return ResponseApdu{std::move(data), wanted > available ? sw::kEndOfFileBeforeNe : sw::kOk};
}

}  // namespace hk::drivers::sim
